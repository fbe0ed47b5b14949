using Portal.Core.Payments;

namespace Portal.Core.Tests.Payments;

public class DeclineCodesTests
{
    [Theory]
    [InlineData("stolen_card", DeclineKind.Hard)]
    [InlineData("lost_card", DeclineKind.Hard)]
    [InlineData("expired_card", DeclineKind.Hard)]
    [InlineData("insufficient_funds", DeclineKind.Soft)]
    [InlineData("processing_error", DeclineKind.Soft)]
    [InlineData("generic_decline", DeclineKind.Soft)]
    [InlineData("something_new", DeclineKind.Soft)]
    [InlineData(null, DeclineKind.Soft)]
    public void Only_declines_that_cannot_pass_later_are_hard(string? code, DeclineKind kind)
    {
        Assert.Equal(kind, DeclineCodes.Classify(code));
    }
}
