namespace Portal.Core.Funds;

/// <summary>The demo funds' name, summary and story in German, French and Spanish (the fund's own texts are English).</summary>
internal static class DemoFundTranslations
{
    /// <summary>By slug: (language, name, summary, story).</summary>
    public static IReadOnlyDictionary<string, (string Language, string Name, string Summary, string Story)[]> All { get; } =
        new Dictionary<string, (string, string, string, string)[]>
        {
            ["nairobi"] =
            [
                ("de", "Kinderdorf Nairobi", "Zwölf Familienhäuser am Stadtrand, in denen Geschwister zusammen aufwachsen.",
                    "In jedem Haus lebt eine Familie mit bis zu acht Kindern und der Frau, die sie als ihre Mutter großzieht. "
                    + "Geschwister bleiben zusammen; niemand muss mit achtzehn gehen.\n\n"
                    + "Ihre Patenschaft zahlt Essen, Schulgeld und den Alltag eines Familienhauses, und das Jugendhaus, "
                    + "in dem ältere Jugendliche lernen, selbstständig zu leben."),
                ("fr", "Village d'enfants de Nairobi", "Douze maisons familiales en bordure de la ville, où frères et sœurs grandissent ensemble.",
                    "Chaque maison accueille une famille de huit enfants au plus et la femme qui les élève comme leur mère. "
                    + "Frères et sœurs restent ensemble ; personne ne doit partir à dix-huit ans.\n\n"
                    + "Votre parrainage paie la nourriture, les frais de scolarité et la vie quotidienne d'une maison familiale, "
                    + "ainsi que la maison des jeunes où les adolescents apprennent à vivre seuls."),
                ("es", "Aldea Infantil Nairobi", "Doce casas familiares en las afueras de la ciudad, donde los hermanos crecen juntos.",
                    "En cada casa vive una familia de hasta ocho niños y la mujer que los cría como su madre. "
                    + "Los hermanos siguen juntos; nadie tiene que irse a los dieciocho años.\n\n"
                    + "Tu apadrinamiento paga la comida, la escuela y el día a día de una casa familiar, y la casa juvenil "
                    + "donde los adolescentes aprenden a vivir por su cuenta."),
            ],
            ["ibarra"] =
            [
                ("de", "Kinderdorf Ibarra", "Ein Dorf im Andenhochland mit einem Kindergarten, der der Nachbarschaft offensteht.",
                    "Neun Familien leben im Dorf, und der Kindergarten nimmt auch Kinder aus den umliegenden Straßen auf, damit "
                    + "berufstätige Eltern in der Nähe ihre Arbeit behalten können.\n\n"
                    + "Pat:innen finanzieren die Häuser, die Erzieherinnen und eine Sozialarbeiterin, die Familien hilft zusammenzubleiben."),
                ("fr", "Village d'enfants d'Ibarra", "Un village des hauts plateaux andins, avec un jardin d'enfants ouvert au quartier.",
                    "Neuf familles vivent au village, et le jardin d'enfants accueille aussi les enfants des rues voisines, pour que "
                    + "les parents qui travaillent puissent garder leur emploi.\n\n"
                    + "Les parrains financent les maisons, les éducatrices et une assistante sociale qui aide les familles à rester unies."),
                ("es", "Aldea Infantil Ibarra", "Una aldea en el altiplano andino con un jardín de infancia abierto al barrio.",
                    "Nueve familias viven en la aldea, y el jardín de infancia recibe también a niños de las calles cercanas, "
                    + "para que los padres que trabajan puedan conservar su empleo.\n\n"
                    + "Los padrinos financian las casas, las maestras y una trabajadora social que ayuda a las familias a seguir unidas."),
            ],
            ["bhaktapur"] =
            [
                ("de", "Kinderdorf Bhaktapur", "Nach dem Erdbeben neu gebaut, mit Häusern, die dem nächsten standhalten.",
                    "Als das Erdbeben die alten Gebäude beschädigte, zogen die Familien für ein Jahr in Übergangsunterkünfte. "
                    + "Die neuen Häuser erfüllen heutige Sicherheitsnormen und haben einen Gemeinschaftsraum für Hausaufgaben.\n\n"
                    + "Monatliche Pat:innen halten das Dorf am Laufen: Essen, Kleidung, Schuluniformen, Gesundheitschecks "
                    + "und die Gehälter der Familienmütter."),
                ("fr", "Village d'enfants de Bhaktapur", "Reconstruit après le séisme, avec des maisons conçues pour résister au prochain.",
                    "Quand le séisme a endommagé les anciens bâtiments, les familles ont vécu un an dans des logements provisoires. "
                    + "Les nouvelles maisons respectent les normes de sécurité actuelles et ont une salle commune pour les devoirs.\n\n"
                    + "Les parrains mensuels font vivre le village : repas, vêtements, uniformes scolaires, bilans de santé "
                    + "et salaires des mères de famille."),
                ("es", "Aldea Infantil Bhaktapur", "Reconstruida tras el terremoto, con casas pensadas para resistir el próximo.",
                    "Cuando el terremoto dañó los edificios antiguos, las familias vivieron un año en viviendas provisionales. "
                    + "Las casas nuevas cumplen las normas de seguridad actuales y tienen una sala común para los deberes.\n\n"
                    + "Los padrinos mensuales mantienen la aldea: comida, ropa, uniformes escolares, revisiones médicas "
                    + "y los sueldos de las madres de familia."),
            ],
            ["gulu"] =
            [
                ("de", "Kinderdorf Gulu", "Ein Dorf mit einer Klinik und einer Berufsschule für junge Menschen aus dem ganzen Bezirk.",
                    "Neben den Familienhäusern betreibt das Dorf eine kleine Klinik und eine Schule, in der junge Menschen einen Beruf "
                    + "lernen: Schneiderei, Tischlerei und Solartechnik.\n\n"
                    + "Ihre Spende unterstützt die Familien und hält die Klinik offen."),
                ("fr", "Village d'enfants de Gulu", "Un village avec un dispensaire et une école professionnelle pour les "
                    + "jeunes de tout le district.",
                    "À côté de ses maisons familiales, le village gère un petit dispensaire et une école où les jeunes apprennent "
                    + "un métier : couture, menuiserie et installation solaire.\n\n"
                    + "Votre don soutient les familles et garde le dispensaire ouvert."),
                ("es", "Aldea Infantil Gulu", "Una aldea con una clínica y una escuela de oficios para jóvenes de todo el distrito.",
                    "Además de sus casas familiares, la aldea tiene una pequeña clínica y una escuela donde los jóvenes aprenden "
                    + "un oficio: costura, carpintería e instalación solar.\n\n"
                    + "Tu donativo apoya a las familias y mantiene abierta la clínica."),
            ],
            ["tbilisi"] =
            [
                ("de", "Kinderdorf Tiflis", "Familienhäuser und ein Tageszentrum für Kinder, deren Eltern Unterstützung brauchen.",
                    "Neben den Familien, die im Dorf leben, gibt das Tageszentrum Kindern aus Familien in Not eine warme Mahlzeit, "
                    + "Hilfe bei den Hausaufgaben und einen sicheren Nachmittag, damit sie zu Hause aufwachsen können.\n\n"
                    + "Patenschaften zahlen beides: die Häuser und das Tageszentrum."),
                ("fr", "Village d'enfants de Tbilissi", "Des maisons familiales et un centre de jour pour les enfants dont "
                    + "les parents ont besoin d'aide.",
                    "En plus des familles qui vivent au village, le centre de jour offre aux enfants de familles en difficulté un repas "
                    + "chaud, de l'aide aux devoirs et un après-midi en sécurité, pour qu'ils puissent grandir chez eux.\n\n"
                    + "Les parrainages financent les deux : les maisons et le centre de jour."),
                ("es", "Aldea Infantil Tiflis", "Casas familiares y un centro de día para niños cuyos padres necesitan apoyo.",
                    "Además de las familias que viven en la aldea, el centro de día da a niños de familias con dificultades una comida "
                    + "caliente, ayuda con los deberes y una tarde segura, para que puedan crecer en casa.\n\n"
                    + "Los apadrinamientos pagan ambas cosas: las casas y el centro de día."),
            ],
            ["lviv"] =
            [
                ("de", "Kinderdorf Lwiw", "Ein Dorf, das Familien aufgenommen hat, die ihr Zuhause verlassen mussten.",
                    "Das Dorf hat vom Krieg vertriebene Familien aufgenommen, neben denen, die seit Jahren hier leben. "
                    + "Psycholog:innen arbeiten mit Kindern und Betreuenden, und das Jugendprogramm hilft Jugendlichen, die Schule abzuschließen.\n\n"
                    + "Ihre Patenschaft finanziert Familienhäuser, Traumabegleitung und Schulbildung."),
                ("fr", "Village d'enfants de Lviv", "Un village qui a accueilli des familles obligées de quitter leur foyer.",
                    "Le village a accueilli des familles déplacées par la guerre, aux côtés de celles qui y vivent depuis des années. "
                    + "Des psychologues travaillent avec les enfants et les aidants, et le programme jeunesse aide les "
                    + "adolescents à finir l'école.\n\n"
                    + "Votre parrainage finance les maisons familiales, le soutien face aux traumatismes et la scolarité."),
                ("es", "Aldea Infantil Leópolis", "Una aldea que acogió a familias que tuvieron que dejar su hogar.",
                    "La aldea ha acogido a familias desplazadas por la guerra, junto a las que viven aquí desde hace años. "
                    + "Psicólogos trabajan con niños y cuidadores, y el programa juvenil ayuda a los adolescentes a terminar la escuela.\n\n"
                    + "Tu apadrinamiento financia casas familiares, apoyo ante el trauma y la escolarización."),
            ],
            ["education"] =
            [
                ("de", "Bildung für jedes Kind", "Schulgeld, Bücher, Nachhilfe und Berufsausbildung in Dörfern und Gemeinden.",
                    "Jedes Kind soll die Schule abschließen können. "
                    + "Das Programm zahlt Schulgeld und Uniformen, betreibt Hausaufgabenclubs und hilft jungen Menschen in eine "
                    + "Ausbildung oder an die Universität.\n\n"
                    + "Es wirkt in vielen Dörfern und in den Gemeinden um sie herum."),
                ("fr", "L'éducation pour chaque enfant", "Frais de scolarité, livres, soutien scolaire et formation "
                    + "professionnelle dans les villages et communautés.",
                    "Chaque enfant mérite de finir l'école. "
                    + "Le programme paie les frais de scolarité et les uniformes, anime des clubs de devoirs et aide les jeunes à "
                    + "entrer en formation professionnelle ou à l'université.\n\n"
                    + "Il agit dans de nombreux villages et dans les communautés qui les entourent."),
                ("es", "Educación para cada niño", "Matrículas, libros, clases de apoyo y formación profesional en aldeas y comunidades.",
                    "Cada niño merece terminar la escuela. "
                    + "El programa paga matrículas y uniformes, organiza clubes de deberes y ayuda a los jóvenes a entrar en la "
                    + "formación profesional o la universidad.\n\n"
                    + "Trabaja en muchas aldeas y en las comunidades de su entorno."),
            ],
            ["health-care"] =
            [
                ("de", "Gesundheit nah am Zuhause", "Kliniken, Impfungen und Gesundheitschecks für Kinder und ihre Familien.",
                    "Kleine Kliniken in und um die Dörfer impfen Kinder, untersuchen sie regelmäßig und behandeln Familien aus der "
                    + "Nachbarschaft, die sonst nirgends hingehen können.\n\n"
                    + "Ihre Spende kauft Medikamente und bezahlt Pflegekräfte."),
                ("fr", "La santé près de chez soi", "Dispensaires, vaccinations et bilans de santé pour les enfants et leurs familles.",
                    "De petits dispensaires dans les villages et autour vaccinent les enfants, les examinent régulièrement et "
                    + "soignent les familles du voisinage qui n'ont nulle part ailleurs où aller.\n\n"
                    + "Votre don achète des médicaments et paie des infirmières."),
                ("es", "Salud cerca de casa", "Clínicas, vacunas y revisiones para los niños y sus familias.",
                    "Pequeñas clínicas en las aldeas y sus alrededores vacunan a los niños, les hacen revisiones periódicas y "
                    + "atienden a familias del barrio que no tienen otro sitio adonde ir.\n\n"
                    + "Tu donativo compra medicinas y paga a enfermeras."),
            ],
            ["family-strengthening"] =
            [
                ("de", "Familien stärken", "Unterstützung, die Eltern hilft, ihre Kinder bei sich zu behalten.",
                    "Die meisten Kinder, die die Fürsorge ihrer Eltern zu verlieren drohen, können bei ihnen bleiben, wenn die Familie "
                    + "rechtzeitig Hilfe bekommt: Unterstützung in der Erziehung, Hilfe bei der Arbeitssuche, Schulgeld in einem schweren Jahr.\n\n"
                    + "Dieses Programm erreicht Familien, bevor sie zerbrechen."),
                ("fr", "Renforcement des familles", "Un soutien qui aide les parents à garder leurs enfants auprès d'eux.",
                    "La plupart des enfants qui risquent de perdre la prise en charge de leurs parents peuvent rester avec eux si la "
                    + "famille reçoit de l'aide à temps : soutien parental, aide à trouver un emploi, frais de scolarité une année difficile.\n\n"
                    + "Ce programme atteint les familles avant qu'elles ne se brisent."),
                ("es", "Fortalecimiento familiar", "Apoyo que ayuda a los padres a mantener a sus hijos en casa.",
                    "La mayoría de los niños en riesgo de perder el cuidado de sus padres pueden quedarse con ellos si la familia "
                    + "recibe ayuda a tiempo: apoyo en la crianza, ayuda para encontrar trabajo, la escuela pagada en un año difícil.\n\n"
                    + "Este programa llega a las familias antes de que se rompan."),
            ],
            ["emergency-relief"] =
            [
                ("de", "Nothilfe", "Unterkunft, Essen und geschützte Orte für Kinder, wenn eine Katastrophe kommt.",
                    "Wenn ein Erdbeben, eine Flut oder ein Krieg eine Gemeinde trifft, brauchen Kinder zuerst einen sicheren Ort. "
                    + "Das Nothilfeteam richtet kinderfreundliche Räume ein, führt getrennte Familien wieder zusammen und sorgt für "
                    + "Essen und Unterkunft.\n\n"
                    + "Ihre Spende ist da, bevor die nächste Not kommt."),
                ("fr", "Aide d'urgence", "Abri, nourriture et espaces protégés pour les enfants quand une catastrophe frappe.",
                    "Quand un séisme, une inondation ou une guerre touche une communauté, les enfants ont d'abord besoin d'un lieu sûr. "
                    + "L'équipe d'urgence installe des espaces adaptés aux enfants, réunit les familles séparées et fournit nourriture "
                    + "et abri.\n\n"
                    + "Votre don est là avant la prochaine urgence."),
                ("es", "Ayuda de emergencia", "Refugio, comida y espacios seguros para los niños cuando llega una catástrofe.",
                    "Cuando un terremoto, una inundación o una guerra golpea a una comunidad, los niños necesitan primero un lugar seguro. "
                    + "El equipo de emergencia instala espacios adaptados a la infancia, reúne a las familias separadas y ofrece comida "
                    + "y refugio.\n\n"
                    + "Tu donativo está ahí antes de la próxima emergencia."),
            ],
        };
}
