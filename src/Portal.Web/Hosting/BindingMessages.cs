using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Web.Resources;

namespace Portal.Web.Hosting;

/// <summary>
/// The messages model binding writes when a posted value cannot be read (a word where a number belongs, a missing value),
/// in the reader's language from <see cref="DonorText"/> rather than the framework's English. Each accessor looks the text
/// up when binding fails, so it follows the request's culture.
/// </summary>
internal sealed class BindingMessages(IStringLocalizerFactory factory) : IConfigureOptions<MvcOptions>
{
    public void Configure(MvcOptions options)
    {
        var text = factory.Create(typeof(DonorText));
        DefaultModelBindingMessageProvider messages = options.ModelBindingMessageProvider;
        messages.SetAttemptedValueIsInvalidAccessor((value, field) => text["Binding.ValueNotValidFor", value, field]);
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => text["Binding.ValueNotValid", value]);
        messages.SetValueIsInvalidAccessor(value => text["Binding.ValueNotValid", value]);
        messages.SetMissingBindRequiredValueAccessor(field => text["Binding.ValueMissingFor", field]);
        messages.SetValueMustNotBeNullAccessor(value => text["Binding.ValueNotValid", value]);
        messages.SetMissingKeyOrValueAccessor(() => text["Binding.ValueMissing"]);
        messages.SetMissingRequestBodyRequiredValueAccessor(() => text["Binding.ValueMissing"]);
        messages.SetUnknownValueIsInvalidAccessor(field => text["Binding.UnknownValueFor", field]);
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => text["Binding.UnknownValue"]);
        messages.SetValueMustBeANumberAccessor(field => text["Binding.NumberFor", field]);
        messages.SetNonPropertyValueMustBeANumberAccessor(() => text["Binding.Number"]);
    }
}
