using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Web.Tests.Security;

/// <summary>One way into the portal: a method, a route, a page handler (or none), and the values it reads from outside.</summary>
public sealed record EndpointCase(
    string Method,
    string Route,
    string? Handler,
    IReadOnlyList<string> RouteValues,
    IReadOnlyList<string> QueryValues)
{
    /// <summary>
    /// The key of the expectation table: <c>GET /account/receipts/{id:guid}</c>,
    /// <c>POST /account/sponsorships/{id:guid}?handler=Pause</c>.
    /// </summary>
    public string Key => Handler is null ? $"{Method} {Route}" : $"{Method} {Route}?handler={Handler}";

    public override string ToString() => Key;
}

/// <summary>Every endpoint the running app maps, read from its <see cref="EndpointDataSource"/> (pages with each handler).</summary>
public static class EndpointCatalog
{
    public static async Task<List<EndpointCase>> ReadAsync(IServiceProvider services)
    {
        var loader = services.GetRequiredService<PageLoader>();
        var cases = new List<EndpointCase>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var route = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            var routeValues = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToList();
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                // "/Finance/Index" is the same page as "/Finance": one row in the table for both.
                if (route.EndsWith("/Index", StringComparison.Ordinal) && route != "/Index")
                {
                    continue;
                }

                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                var bound = compiled.BoundProperties.SelectMany(p => QueryNames(p.Name, p.ParameterType, p.BindingInfo, routeValues)).ToList();
                foreach (var handler in compiled.HandlerMethods)
                {
                    var method = handler.HttpMethod.ToUpperInvariant();
                    var isGet = method == "GET";
                    var query = handler.Parameters.SelectMany(p => QueryNames(p.Name, p.ParameterType, p.BindingInfo, routeValues))
                        .Concat(isGet ? bound.Where(b => SupportsGet(compiled, b)) : bound).Distinct().ToList();
                    cases.Add(new EndpointCase(method, route, handler.Name, routeValues, query));
                }

                continue;
            }

            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            cases.AddRange(methods.Where(m => m is "GET" or "POST")
                .Select(m => new EndpointCase(m, route.Replace("/{**path}", ""), null, routeValues, [])));
        }

        return [.. cases.DistinctBy(c => c.Key).OrderBy(c => c.Key, StringComparer.Ordinal)];
    }

    private static bool SupportsGet(CompiledPageActionDescriptor page, string name) => page.BoundProperties
        .Any(p => (name == p.Name || name.StartsWith(p.Name + ".", StringComparison.Ordinal))
            && ((p as PageBoundPropertyDescriptor)?.Property.GetCustomAttribute<BindPropertyAttribute>()?.SupportsGet ?? false
                || page.HandlerTypeInfo.GetCustomAttribute<BindPropertiesAttribute>()?.SupportsGet == true));

    private static IEnumerable<string> QueryNames(string name, Type type, BindingInfo? binding, IReadOnlyList<string> routeValues)
    {
        if (type == typeof(CancellationToken) || routeValues.Contains(name, StringComparer.OrdinalIgnoreCase)
            || binding?.BindingSource is { } source
                && source != BindingSource.Query && source != BindingSource.ModelBinding && source != BindingSource.Form)
        {
            yield break;
        }

        var prefix = binding?.BinderModelName ?? name;
        if (IsScalar(type) || type != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(type))
        {
            yield return prefix;
            yield break;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && IsScalar(p.PropertyType)))
        {
            yield return $"{prefix}.{property.Name}";
        }
    }

    private static bool IsScalar(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(Guid)
            || t == typeof(DateOnly) || t == typeof(DateTime) || t == typeof(DateTimeOffset) || t == typeof(TimeOnly);
    }
}
