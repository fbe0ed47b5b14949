namespace Portal.Core.Funds;

/// <summary>
/// The embedded default's demo villages and programs. Invented places and stories: no real child, family or address.
/// <c>Raised</c> becomes an opening balance in the ledger, so progress bars have something to show.
/// </summary>
internal static class DemoFunds
{
    public static IReadOnlyList<(Fund Fund, long RaisedMinor)> All { get; } =
    [
        (Village("nairobi", "KEN01", "Children's Village Nairobi", "KE", "Nairobi", "EUR", 12_000_000, true,
            "Twelve family houses on the edge of the city, where brothers and sisters grow up together.",
            "Each house is home to a family of up to eight children and the woman who raises them as their mother. "
            + "Brothers and sisters stay together; nobody is moved on at eighteen.\n\n"
            + "Your sponsorship pays for food, school fees and the daily care of a family home, and for the youth house where older teenagers learn "
            + "to live on their own."), 7_430_000),
        (Village("ibarra", "ECU01", "Children's Village Ibarra", "EC", "Imbabura", "USD", 9_500_000, true,
            "A village in the Andean highlands with a kindergarten that is open to the neighbourhood.",
            "Nine families live in the village, and the kindergarten welcomes children from the surrounding streets as well, so working parents "
            + "nearby can keep their jobs.\n\n"
            + "Sponsors fund the houses, the kindergarten's teachers, and a social worker who helps families in the area stay together."), 3_120_000),
        (Village("bhaktapur", "NPL01", "Children's Village Bhaktapur", "NP", "Kathmandu Valley", "EUR", 8_000_000, false,
            "Rebuilt after the earthquake, with houses designed to stand the next one.",
            "When the earthquake damaged the old buildings, the families moved into temporary homes for a year. "
            + "The new houses were built to current safety standards, with a common room for homework.\n\n"
            + "Monthly sponsors keep the village running: meals, clothes, school "
            + "uniforms, health checks and the salaries of the family mothers."), 5_210_000),
        (Village("gulu", "UGA01", "Children's Village Gulu", "UG", "Northern Uganda", "EUR", 7_000_000, true,
            "A village with a clinic and a vocational school for young people from the whole district.",
            "Alongside its family houses the village runs a small clinic and a school where young people learn a trade: tailoring, carpentry and "
            + "solar installation.\n\n"
            + "Your gift supports the families and keeps the clinic's doors open."), 1_980_000),
        (Village("tbilisi", "GEO01", "Children's Village Tbilisi", "GE", "Tbilisi", "EUR", 6_000_000, false,
            "Family houses and a day centre for children whose parents need support.",
            "Besides the families who live in the village, the day centre gives children from struggling families a warm meal, help with homework "
            + "and a safe afternoon, so they can grow up at home.\n\n"
            + "Sponsorships pay for both: the homes and the day centre."), 4_400_000),
        (Village("lviv", "UKR01", "Children's Village Lviv", "UA", "Lviv", "EUR", 15_000_000, false,
            "A village that took in families who had to leave their homes.",
            "The village has welcomed families displaced by the war, alongside those who have lived here for years. "
            + "Psychologists work with children and carers, and the youth programme helps teenagers finish school.\n\n"
            + "Your sponsorship funds family homes, trauma support and schooling."), 9_050_000),
        (Program("education", "PRG-EDU", "Education for every child", ProgramArea.Education, "EUR", 20_000_000, true,
            "School fees, books, tutoring and vocational training in villages and communities.",
            "Every child deserves to finish school. "
            + "The program pays school fees and uniforms, runs homework clubs, and helps young people into vocational training or university.\n\n"
            + "It works across many villages and in the communities around them."), 11_600_000),
        (Program("health-care", "PRG-HLT", "Health care close to home", ProgramArea.HealthCare, "EUR", 12_000_000, false,
            "Clinics, vaccinations and health checks for children and their families.",
            "Small clinics in and around the villages give children vaccinations and regular check-ups, and treat families from the neighbourhood "
            + "who have nowhere else to go.\n\n"
            + "Your gift buys medicine and pays nurses."), 6_100_000),
        (Program("family-strengthening", "PRG-FAM", "Family strengthening", ProgramArea.FamilyStrengthening, "EUR", 10_000_000, false,
            "Support that helps parents keep their children at home.",
            "Most children at risk of losing their parents' care can stay with them if the family gets help in time: parenting support, help "
            + "finding work, school fees for a difficult year.\n\n"
            + "This program reaches families before they break apart."), 2_750_000),
        (Program("emergency-relief", "PRG-EMR", "Emergency relief", ProgramArea.EmergencyRelief, "EUR", 25_000_000, true,
            "Shelter, food and safe spaces for children when disaster strikes.",
            "When an earthquake, a flood or a war reaches a community, children need a safe place first. "
            + "The emergency team sets up child-friendly spaces, reunites separated families and provides food and shelter.\n\n"
            + "Your gift is there before the next emergency is."), 8_800_000),
    ];

    private static Fund Village(
        string slug,
        string code,
        string name,
        string country,
        string place,
        string currency,
        long goal,
        bool featured,
        string summary,
        string story) => new()
        {
            Slug = slug,
            Code = code,
            Name = name,
            Kind = FundKind.Village,
            CountryCode = country,
            Place = place,
            Currency = currency,
            GoalMinor = goal,
            Featured = featured,
            Summary = summary,
            Story = story,
            ImageSeed = Seed(slug),
        };

    private static Fund Program(
        string slug,
        string code,
        string name,
        ProgramArea area,
        string currency,
        long goal,
        bool featured,
        string summary,
        string story) => new()
        {
            Slug = slug,
            Code = code,
            Name = name,
            Kind = FundKind.Program,
            Area = area,
            Currency = currency,
            GoalMinor = goal,
            Featured = featured,
            Summary = summary,
            Story = story,
            ImageSeed = Seed(slug),
        };

    // A stable seed from the slug (string.GetHashCode changes between runs).
    internal static int Seed(string slug) => slug.Aggregate(17, (hash, c) => unchecked((hash * 31) + c)) & 0x7fffffff;
}
