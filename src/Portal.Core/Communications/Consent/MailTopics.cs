namespace Portal.Core.Communications.Consent;

/// <summary>What bulk mail is about: the categories a donor can turn off on the preferences page, one by one.</summary>
[Flags]
public enum MailTopics
{
    None = 0,
    ImpactUpdates = 1,
    TransparencyReports = 2,
    Appeals = 4,
}
