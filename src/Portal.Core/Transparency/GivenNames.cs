namespace Portal.Core.Transparency;

/// <summary>
/// Common given names in the countries the federation works in and where its donors live. Short on purpose: it
/// catches the names writers use most; the other rules catch names it does not know.
/// </summary>
internal static class GivenNames
{
    private static readonly HashSet<string> Names = new(StringComparer.Ordinal)
    {
        // East Africa
        "Amani", "Baraka", "Neema", "Imani", "Zawadi", "Juma", "Wanjiru", "Wanjiku", "Njeri", "Achieng", "Akinyi", "Otieno",
        "Kamau", "Mwangi", "Mercy", "Faith", "Grace", "Joy", "Brian", "Kevin", "Dennis", "Esther", "Halima", "Abdi", "Fatuma",
        // West and Southern Africa
        "Kwame", "Kofi", "Ama", "Abena", "Chinedu", "Ngozi", "Chiamaka", "Emeka", "Aminata", "Fatou", "Moussa", "Thabo", "Sipho",
        "Lerato", "Nomsa", "Tendai", "Chipo", "Blessing", "Precious", "Gift",
        // Latin America
        "Sofia", "Sofía", "Valentina", "Camila", "Isabella", "Mateo", "Santiago", "Sebastián", "Diego", "Juan", "José", "Luis",
        "Carlos", "María", "Maria", "Lucía", "Lucia", "Ana", "Gabriel", "Daniela",
        // South and South-East Asia, Middle East
        "Aarav", "Vivaan", "Priya", "Ananya", "Diya", "Rahul", "Arjun", "Fatima", "Aisha", "Ayesha", "Mohammed", "Muhammad",
        "Ahmed", "Ali", "Omar", "Yusuf", "Nguyen", "Linh", "Minh", "Siti", "Nur",
        // Europe and North America
        "Anna", "Emma", "Mia", "Olivia", "Lena", "Lea", "Lukas", "Leon", "Noah", "Liam", "Elias", "Paul", "Jonas", "Ben",
        "Sophie", "Marie", "Laura", "Sarah", "David", "Daniel", "Michael", "Peter", "Thomas", "John", "James", "Mary", "Emily",
        "Jack", "Oliver", "Charlotte", "Amelia", "Ella", "Ivan", "Olga", "Nikola", "Elena", "Luca", "Marco", "Giulia",
    };

    /// <summary>Capitalised words that often stand before an age or a number but are no one's name.</summary>
    public static readonly HashSet<string> NotNames = new(StringComparer.Ordinal)
    {
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "In", "On", "By", "Since", "Until", "Of",
        "About", "Around", "Over", "Under", "Nearly", "Almost", "Some", "All", "Age", "Aged", "Grade", "Class", "Year", "Quarter",
        "Room", "Page", "Step", "Phase", "Group", "Term", "Level",
    };

    public static bool Contains(string word) => Names.Contains(word);
}
