using Portal.Core.Donors;

namespace Portal.Core.Tests.Donors;

/// <summary>ISO 11649 creditor references: the standard's own example checks, and a mistyped character is caught.</summary>
public class PaymentReferencesTests
{
    [Fact]
    public void The_standards_example_is_made_and_read_back()
    {
        // ISO 11649's example: RF18 5390 0754 7034.
        Assert.Equal("RF18539007547034", PaymentReferences.Create("539007547034"));
        Assert.Equal("RF18539007547034", PaymentReferences.Parse("rf18 5390 0754 7034"));
        Assert.Equal("RF18 5390 0754 7034", PaymentReferences.Print("RF18539007547034"));
    }

    [Theory]
    [InlineData("RF19539007547034")] // wrong check digits
    [InlineData("RF18539007547035")] // one digit mistyped
    [InlineData("RF18")]
    [InlineData("DE18539007547034")]
    [InlineData("RF18 5390-0754")]
    [InlineData("")]
    public void A_wrong_or_mistyped_reference_is_not_read(string text) => Assert.Null(PaymentReferences.Parse(text));

    [Fact]
    public void A_donors_reference_has_valid_check_digits_and_no_look_alike_characters()
    {
        var references = Enumerable.Range(0, 200).Select(_ => PaymentReferences.NewForDonor()).ToList();

        Assert.All(references, reference =>
        {
            Assert.Equal(reference, PaymentReferences.Parse(reference));
            Assert.Equal(15, reference.Length);
            Assert.DoesNotContain(reference[4..], c => c is '0' or 'O' or '1' or 'I' or 'L');
        });
        Assert.Equal(references.Count, references.Distinct().Count());
    }

    [Theory]
    [InlineData("Müller-Lüdenscheidt, Anna", "muller ludenscheidt anna", "anna")]
    [InlineData("  JOSÉ  GARCÍA ", "jose garcia", "garcia")]
    [InlineData("Straße O'Brien", "strasse o brien", "brien")]
    [InlineData("Łukasz Øster", "lukasz oster", "oster")]
    public void Names_are_folded_for_search(string name, string folded, string last)
    {
        Assert.Equal(folded, DonorSearchKeys.Fold(name));
        Assert.Equal(last, DonorSearchKeys.LastWord(folded));
    }
}
