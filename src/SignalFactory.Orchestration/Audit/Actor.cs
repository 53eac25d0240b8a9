using System.Diagnostics.CodeAnalysis;

namespace SignalFactory.Orchestration.Audit;

/// <summary>Who performed an action (LLD §11.3).</summary>
public enum ActorKind
{
    /// <summary><c>autopilot</c>: the fleet automation.</summary>
    Autopilot,

    /// <summary><c>human:&lt;name&gt;</c>.</summary>
    Human,

    /// <summary><c>system:&lt;component&gt;</c>: a worker or the orchestrator itself.</summary>
    System,
}

/// <summary>
/// An actor in the form <c>autopilot</c>, <c>human:&lt;name&gt;</c> or <c>system:&lt;component&gt;</c>. Names are
/// 1–128 characters without whitespace, control characters or colons.
/// </summary>
public sealed record Actor
{
    private const int MaxNameLength = 128;

    private Actor(ActorKind kind, string? name)
    {
        Kind = kind;
        Name = name;
    }

    /// <summary>The automation actor.</summary>
    public static Actor Autopilot { get; } = new(ActorKind.Autopilot, null);

    /// <summary>The kind.</summary>
    public ActorKind Kind { get; }

    /// <summary>The user or component name; null for <see cref="ActorKind.Autopilot"/>.</summary>
    public string? Name { get; }

    /// <summary><c>human:&lt;name&gt;</c>.</summary>
    /// <exception cref="ArgumentException">The name is empty, too long or has whitespace, control characters or colons.</exception>
    public static Actor Human(string name) => new(ActorKind.Human, CheckName(name, nameof(name)));

    /// <summary><c>system:&lt;component&gt;</c>.</summary>
    /// <exception cref="ArgumentException">The component name is not valid.</exception>
    public static Actor System(string component) => new(ActorKind.System, CheckName(component, nameof(component)));

    /// <summary>Parses the wire form.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out Actor? actor)
    {
        actor = null;
        if (text is null)
        {
            return false;
        }

        if (text == "autopilot")
        {
            actor = Autopilot;
            return true;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || !IsValidName(text.AsSpan(colon + 1)))
        {
            return false;
        }

        var name = text[(colon + 1)..];
        actor = text[..colon] switch
        {
            "human" => new Actor(ActorKind.Human, name),
            "system" => new Actor(ActorKind.System, name),
            _ => null,
        };
        return actor is not null;
    }

    /// <summary>Parses the wire form.</summary>
    /// <exception cref="FormatException">Not <c>autopilot</c>, <c>human:&lt;name&gt;</c> or <c>system:&lt;component&gt;</c>.</exception>
    public static Actor Parse(string text) => TryParse(text, out var actor)
        ? actor
        : throw new FormatException($"invalid actor '{text}'; expected 'autopilot', 'human:<name>' or 'system:<component>'");

    /// <summary>The wire form.</summary>
    public override string ToString() => Kind switch
    {
        ActorKind.Autopilot => "autopilot",
        ActorKind.Human => "human:" + Name,
        _ => "system:" + Name,
    };

    private static string CheckName(string name, string parameter)
    {
        ArgumentNullException.ThrowIfNull(name, parameter);
        return IsValidName(name)
            ? name
            : throw new ArgumentException(
                $"Actor name must be 1-{MaxNameLength} characters without whitespace, control characters or ':'.", parameter);
    }

    private static bool IsValidName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || name.Length > MaxNameLength)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c == ':')
            {
                return false;
            }
        }

        return true;
    }
}
