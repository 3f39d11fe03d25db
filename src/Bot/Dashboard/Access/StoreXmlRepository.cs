using System.Xml.Linq;
using Bot.Evidence.Dashboard;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Bot.Dashboard.Access;

/// <summary>Data Protection's key ring kept in the evidence store (<see cref="IDashboardKeyRing"/>), so that replicas of one
/// PostgreSQL store decrypt each other's sign-in cookies and antiforgery tokens.</summary>
internal sealed class StoreXmlRepository(IDashboardKeyRing ring) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() => [.. ring.ReadAll().Select(xml => XElement.Parse(xml))];

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        ring.Add(friendlyName, element.ToString(SaveOptions.DisableFormatting));
    }
}
