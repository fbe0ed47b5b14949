using System.Collections.Frozen;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Core.Payments.Events;

/// <summary>
/// The table of event type to handler, built once while services are registered: a type claimed by two handlers
/// stops start-up. A type with no handler is recorded and ignored by <see cref="ApplyGatewayEvent"/>.
/// </summary>
public sealed class GatewayEventHandlers
{
    private readonly Dictionary<string, Type> building = new(StringComparer.Ordinal);
    private FrozenDictionary<string, Type>? table;

    /// <summary>Every handled type with its handler's class.</summary>
    public IReadOnlyDictionary<string, Type> Table => table ??= building.ToFrozenDictionary(StringComparer.Ordinal);

    public Type? Find(string eventType) => Table.GetValueOrDefault(eventType);

    public GatewayEventHandlers Add<THandler>(IServiceCollection services)
        where THandler : class, IGatewayEventHandler
    {
        if (table is not null)
        {
            throw new InvalidOperationException("The gateway event table is complete; handlers are added while services are registered.");
        }

        foreach (var type in THandler.Types)
        {
            if (!building.TryAdd(type, typeof(THandler)))
            {
                throw new InvalidOperationException(
                    $"Gateway event type '{type}' has two handlers: {building[type].Name} and {typeof(THandler).Name}. Each type has one.");
            }
        }

        services.AddScoped<THandler>();
        return this;
    }
}
