using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;

namespace Portal.Web.Hosting;

/// <summary>
/// Every date a form or query string brings must fall in <see cref="FirstYear"/>..<see cref="LastYear"/>: the pages
/// add months and days to the dates they are given, and 9999-12-31 plus a day is an overflow (a 500). A date outside
/// is a model error with a clear message; a GET (a filter, a download) with one answers 400 with that message at once
/// (<see cref="RefuseOnGet"/>), rather than running unfiltered, and a form post shows it beside its field.
/// </summary>
public sealed class PlausibleDates : IModelBinderProvider
{
    public const int FirstYear = 1900;
    public const int LastYear = 2999;

    public static readonly string Message = $"Enter a date between the years {FirstYear} and {LastYear}.";

    private static readonly HashSet<Type> Dates = [typeof(DateOnly), typeof(DateTime), typeof(DateTimeOffset)];

    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        var type = Nullable.GetUnderlyingType(context.Metadata.ModelType) ?? context.Metadata.ModelType;
        return Dates.Contains(type)
            ? new Binder(new SimpleTypeModelBinder(context.Metadata.ModelType, context.Services.GetRequiredService<ILoggerFactory>()))
            : null;
    }

    private sealed class Binder(IModelBinder inner) : IModelBinder
    {
        public async Task BindModelAsync(ModelBindingContext bindingContext)
        {
            await inner.BindModelAsync(bindingContext);
            var year = bindingContext.Result.Model switch
            {
                DateOnly date => date.Year,
                DateTime time => time.Year,
                DateTimeOffset offset => offset.Year,
                _ => FirstYear,
            };
            if (bindingContext.Result.IsModelSet && year is < FirstYear or > LastYear)
            {
                bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, Message);
                bindingContext.Result = ModelBindingResult.Failed();
            }
        }
    }

    /// <summary>A GET whose query string carries an implausible date answers 400 naming the field.</summary>
    public sealed class RefuseOnGet : IAsyncPageFilter
    {
        public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

        public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
        {
            if (HttpMethods.IsGet(context.HttpContext.Request.Method) || HttpMethods.IsHead(context.HttpContext.Request.Method))
            {
                var field = context.ModelState.FirstOrDefault(e => e.Value?.Errors.Any(x => x.ErrorMessage == Message) == true).Key;
                if (field is not null)
                {
                    context.Result = new BadRequestObjectResult($"{field}: {Message}");
                    return Task.CompletedTask;
                }
            }

            return next();
        }
    }
}
