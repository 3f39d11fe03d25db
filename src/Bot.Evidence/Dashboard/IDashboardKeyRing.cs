namespace Bot.Evidence.Dashboard;

/// <summary>
/// Where the dashboard keeps the keys that encrypt its sign-in cookies and antiforgery tokens (ASP.NET Core Data
/// Protection's key XML), when the store is shared by several replicas: every replica reads every key, so a cookie issued
/// by one is accepted by the others and the load balancer needs nothing sticky. Keys are only ever added.
/// </summary>
public interface IDashboardKeyRing
{
    /// <summary>Every key's XML, oldest first.</summary>
    IReadOnlyList<string> ReadAll();

    /// <summary>Adds a key under <paramref name="name"/>; a name already there is kept as it is.</summary>
    void Add(string name, string xml);
}
