"""Hand-written French sentences of the demo comments, per theme and tone.

Written by hand for the demo (never from the rules' catalogue of expressions, the polarity
lexicon or the labelled sets, so the demo is not tuned to the rules), in the register of
patients' free text: varied, sometimes with typos or without accents. A sentence speaks of
its theme only, with the tone it is filed under; a « mixte » sentence says something good
and something bad about the same theme. ``{staff}`` (at a sentence's start) is a fictitious
staff title and name (:data:`STAFF`), left for the run's masking, or its masked form
« [NOM] » as if masked upstream; a few sentences hold « [CHAMBRE] », masked upstream.
"""

from __future__ import annotations

__all__ = ["BANK", "CLOSINGS", "NO_THEME", "OPENINGS", "STAFF"]

#: Fictitious staff with their title, as written and as if masked upstream (« [NOM] »): the
#: written ones are persons the run's masking must find.
STAFF = (("Le Dr Martin", "Le [NOM]"), ("Mme Dupont", "[NOM]"), ("Le docteur Lefèvre",
         "Le [NOM]"), ("M. Girard", "[NOM]"), ("Le Pr Moreau", "Le [NOM]"),
         ("Mme Caron", "[NOM]"))  # fmt: skip

#: Comments that touch no theme.
NO_THEME = ("RAS", "ras", "Rien à signaler.", "Merci.", "merci", "Merci à tous.",
            "Rien a ajouter.", "Pas de commentaire particulier.", "Néant.", "RAS merci",
            "Je n'ai rien à dire de plus.")  # fmt: skip

#: Neutral sentences that may open or close a comment (no theme, no tone).
OPENINGS = ("Hospitalisé cinq jours dans le service.", "Je suis venue pour mon père.",
            "Deuxième séjour dans ce service.", "Séjour d'une semaine en mars.",
            "J'ai accompagné ma femme.", "Venu pour un bilan programmé.",
            "Hospitalisation de trois jours.")  # fmt: skip
CLOSINGS = ("Voilà.", "Bonne continuation.", "Cordialement.", "A bientot peut-être.",
            "C'est tout pour moi.")  # fmt: skip

#: Sentences per theme code and tone (positif, negatif, mixte).
BANK: dict[str, dict[str, tuple[str, ...]]] = {
    "accueil": {
        "positif": (
            "Accueil très chaleureux dès notre arrivée.",
            "On a été bien reçus à l'entrée du service, avec le sourire.",
            "La secrétaire nous a accueillis avec beaucoup de gentillesse.",
            "Tres bon acceuil aux admissions.",
            "Dès le premier jour on se sent attendu, merci pour l'accueil.",
        ),
        "negatif": (
            "Accueil glacial, personne ne nous a dit bonjour.",
            "A l'arrivée on nous a laissés dans le couloir sans un mot.",
            "L'accueil au bureau des entrées était vraiment désagréable.",
            "Mauvais acceuil, la personne au guichet était pressée et sèche.",
            "On s'est sentis de trop en arrivant dans le service.",
        ),
        "mixte": (
            "Accueil correct au service mais très froid aux admissions.",
            "La secrétaire était aimable, dommage que personne ne soit venu nous chercher.",
            "Accueil souriant le jour, nettement moins la nuit.",
            "Bien reçus dans l'unité, l'accueil téléphonique par contre laisse à désirer.",
        ),
    },
    "prise_en_charge_medicale": {
        "positif": (
            "Les médecins ont été compétents et à l'écoute.",
            "{staff} a su trouver ce que j'avais, un grand merci.",
            "Equipe médicale remarquable, diagnostic rapide et précis.",
            "Le chirurgien a fait un travail formidable, je remarche déjà.",
            "Suivi médical sérieux, le médecin passait tous les matins.",
            "Très bonne prise en charge par les docteurs du service.",
        ),
        "negatif": (
            "On n'a quasiment jamais vu de médecin pendant le séjour.",
            "Le médecin est passé en coup de vent, sans m'examiner.",
            "Erreur de traitement, il a fallu que ma fille s'en rende compte.",
            "Je n'ai pas eu confiance dans l'interne qui me suivait.",
            "Les medecins se contredisaient d'un jour a l'autre.",
        ),
        "mixte": (
            "Médecins compétents mais très peu disponibles.",
            "Le chirurgien est excellent, le suivi après l'opération beaucoup moins.",
            "Bon diagnostic au final, mais il a fallu trois médecins différents.",
            "{staff} est très bien, ses collègues de garde beaucoup moins.",
        ),
    },
    "prise_en_charge_paramedicale": {
        "positif": (
            "Les infirmières sont adorables et très professionnelles.",
            "Aides-soignantes aux petits soins, toujours un mot gentil.",
            "{staff} et toute l'équipe de nuit ont été formidables.",
            "Le kiné est venu tous les jours, il m'a remis sur pied.",
            "Personnel soignant attentionné, on se sent en sécurité.",
            "Les infirmiers ont été tres patients avec ma mère.",
        ),
        "negatif": (
            "Les sonnettes restaient sans réponse pendant de longues minutes.",
            "Une aide-soignante m'a parlé comme à un enfant.",
            "Le personnel de nuit était débordé et pas aimable.",
            "On a oublié ma toilette deux matins de suite.",
            "Infirmières désagréables, on n'osait plus rien demander.",
        ),
        "mixte": (
            "Soignants gentils mais visiblement en sous-effectif.",
            "L'équipe de jour est parfaite, celle de nuit beaucoup moins.",
            "Les infirmières font ce qu'elles peuvent, mais on attend toujours quand on sonne.",
            "Soins bien faits, par contre certaines aides-soignantes manquent de douceur.",
        ),
    },
    "information_communication": {
        "positif": (
            "On m'a bien expliqué l'opération et ses suites.",
            "Le médecin a pris le temps de répondre à toutes nos questions.",
            "Explications claires sur mon traitement, avec un document pour la maison.",
            "Ma famille a été tenue au courant à chaque étape.",
            "Tout était expliqué avec des mots simples, merci.",
        ),
        "negatif": (
            "Personne ne nous a expliqué ce qui se passait.",
            "Aucune information sur les résultats des examens.",
            "On apprend les choses par hasard, au détour d'un couloir.",
            "Les explications étaient incompréhensibles, trop de jargon.",
            "La famille n'a jamais pu joindre un médecin pour avoir des nouvelles.",
            "On ne m'a rien dit sur les effets secondaires du traitement.",
        ),
        "mixte": (
            "Explications claires du chirurgien, mais rien sur la suite des soins.",
            "Bien informé sur l'opération, beaucoup moins sur les résultats.",
            "Les infirmières expliquent bien, les médecins beaucoup moins.",
            "On a fini par avoir les infos mais il a fallu les demander plusieurs fois.",
        ),
    },
    "douleur": {
        "positif": (
            "Ma douleur a été bien soulagée dès le premier soir.",
            "On me demandait régulièrement si j'avais mal, et c'était pris au sérieux.",
            "Bonne gestion de la douleur après l'intervention.",
            "Je n'ai presque pas souffert grâce aux antalgiques.",
        ),
        "negatif": (
            "J'ai eu très mal toute la nuit sans que personne ne réagisse.",
            "Ma douleur n'a pas été prise au sérieux.",
            "On a attendu des heures un antidouleur pour ma mère.",
            "Douleurs mal calmées apres l'operation.",
            "J'ai souffert pendant trois jours, on me disait que c'était normal.",
        ),
        "mixte": (
            "La douleur a fini par être calmée, mais après une longue nuit difficile.",
            "Bien soulagé le jour, la nuit c'était plus compliqué.",
            "Antalgiques efficaces, dommage qu'il faille les réclamer à chaque fois.",
            "On m'a soulagé rapidement au début, beaucoup moins ensuite.",
        ),
    },
    "attente_delais": {
        "positif": (
            "Pris en charge très rapidement, sans attente.",
            "Rendez-vous obtenu en moins d'une semaine.",
            "Aucune attente pour le scanner, tout s'est enchaîné.",
            "Les délais ont été respectés du début à la fin.",
        ),
        "negatif": (
            "Six heures d'attente aux urgences avant de voir quelqu'un.",
            "Trois mois pour avoir un rendez-vous, c'est beaucoup trop long.",
            "On attend, on attend, et personne ne sait combien de temps.",
            "Attente interminable le jour de l'entrée, la chambre n'était pas prête.",
            "Opération reportée deux fois au dernier moment.",
            "Beaucoup trop d'attente entre chaque examen.",
        ),
        "mixte": (
            "Rendez-vous rapide, mais des heures d'attente le jour même.",
            "Délai raisonnable pour l'opération, l'attente en salle beaucoup moins.",
            "L'attente était longue mais on nous a prévenus et expliqué pourquoi.",
            "Vu vite aux urgences, puis deux jours sur un brancard avant d'avoir un lit.",
        ),
    },
    "chambre_confort": {
        "positif": (
            "Chambre propre, calme et lumineuse.",
            "Chambre individuelle très confortable, avec une belle vue.",
            "Le lit était confortable et la chambre bien chauffée.",
            "Tout était très propre, ménage fait chaque jour.",
            "Chambre agréable et calme en [CHAMBRE], j'ai bien dormi.",
        ),
        "negatif": (
            "Chambre vétuste, douche qui fuit et peinture qui s'écaille.",
            "Impossible de dormir avec le bruit du couloir toute la nuit.",
            "Il faisait beaucoup trop chaud en [CHAMBRE].",
            "Sanitaires sales, pas de papier toilette pendant deux jours.",
            "La télé ne marchait pas et le wifi non plus.",
            "Chambre double avec un voisin tres bruyant, pas moyen de se reposer.",
        ),
        "mixte": (
            "Chambre propre mais vraiment trop petite pour deux.",
            "Chambre agréable, dommage que la climatisation soit en panne.",
            "Bon lit, mais le bruit des chariots dès 6 h du matin.",
            "La [CHAMBRE] est spacieuse, la salle de bain beaucoup moins propre.",
        ),
    },
    "repas": {
        "positif": (
            "Les repas étaient bons et servis chauds.",
            "Cuisine correcte et variée, on a même le choix.",
            "Bonne nourriture, j'ai été surpris en bien.",
            "Le régime sans sel était quand même savoureux.",
        ),
        "negatif": (
            "Repas immangeables et servis froids.",
            "La nourriture était fade et toujours la même chose.",
            "Pas de repas adapté à mon régime malgré mes demandes.",
            "Plateau posé hors de portée, personne pour m'aider à manger.",
            "Diner servi a 18h, c'est beaucoup trop tot.",
        ),
        "mixte": (
            "Repas corrects, mais souvent tièdes.",
            "Petit déjeuner copieux, le reste beaucoup moins bon.",
            "Nourriture pas mauvaise mais portions vraiment petites.",
            "Les repas sont bons, dommage que les horaires soient si matinaux.",
        ),
    },
    "sortie": {
        "positif": (
            "La sortie a été bien préparée, avec les ordonnances et les rendez-vous.",
            "On m'a tout organisé pour le retour à la maison, infirmière comprise.",
            "Sortie bien anticipée, courrier envoyé à mon médecin traitant.",
            "Le retour à domicile s'est fait sans souci grâce à l'assistante sociale.",
        ),
        "negatif": (
            "Sortie annoncée le matin pour le midi, aucune organisation.",
            "Je suis sorti sans ordonnance et sans compte rendu.",
            "On a attendu toute la journée les papiers de sortie.",
            "Retour a domicile mal prepare, personne pour les soins a la maison.",
            "Mon médecin traitant n'a jamais reçu le courrier de sortie.",
        ),
        "mixte": (
            "Sortie bien organisée, mais les papiers sont arrivés très tard.",
            "Ordonnances claires, en revanche aucun rendez-vous de suivi prévu.",
            "Le retour à la maison était prêt, dommage qu'on l'apprenne la veille au soir.",
            "Bonne préparation du retour, mais le compte rendu était incomplet.",
        ),
    },
    "respect_intimite": {
        "positif": (
            "Personnel respectueux, on frappe toujours avant d'entrer.",
            "Mon intimité a été respectée pendant les soins.",
            "On m'a traitée avec beaucoup de dignité malgré mon âge.",
            "Discrétion et respect, rien à redire.",
        ),
        "negatif": (
            "On entre dans la chambre sans frapper, même pendant la toilette.",
            "Mon diagnostic a été annoncé devant mon voisin de chambre.",
            "Laissé à moitié nu dans le couloir sur un brancard.",
            "On parle de nous comme si on n'était pas là.",
            "Manque de respect de la part d'un brancardier, remarques déplacées.",
        ),
        "mixte": (
            "Globalement respectueux, mais porte souvent laissée ouverte pendant les soins.",
            "On frappe avant d'entrer, mais sans attendre la réponse.",
            "Personnel discret, le rideau entre les lits ne suffit pas par contre.",
            "Respect de l'intimité le jour, moins la nuit.",
        ),
    },
    "participation_partenariat": {
        "positif": (
            "On m'a demandé mon avis avant de décider du traitement.",
            "J'ai vraiment eu le sentiment d'être acteur de mes soins.",
            "Ma femme a été associée aux décisions, c'est précieux.",
            "La rencontre avec une patiente partenaire m'a beaucoup aidé.",
            "Les choix ont été discutés avec moi, pas imposés.",
            "Mes connaissances sur ma maladie ont été prises en compte.",
        ),
        "negatif": (
            "Personne ne m'a demandé ce que je voulais.",
            "Les décisions ont été prises sans moi, on m'a juste informé après.",
            "Mon avis ne compte pas, j'ai l'impression d'être un dossier.",
            "Ma fille connait bien ma maladie mais on ne l'a jamais écoutée.",
            "On ne m'a pas laissé le choix pour mon traitement.",
        ),
        "mixte": (
            "On m'a demandé mon avis, mais sans vraiment en tenir compte.",
            "Associé à certaines décisions, pas à celles qui comptaient le plus.",
            "L'équipe écoute les patients, mais la famille est un peu laissée de côté.",
            "Bonne idée de nous faire participer, encore faut-il que ça suive.",
        ),
    },
}
