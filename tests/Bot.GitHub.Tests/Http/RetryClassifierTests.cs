using System.Net;
using System.Text;
using Bot.GitHub.Http;
using NUnit.Framework;

namespace Bot.GitHub.Tests.Http;

public class RetryClassifierTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(60);

    private static HttpResponseMessage Response(HttpStatusCode status, string body = "{}", params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    [Test]
    public void Retry_after_seconds_are_honoured_up_to_the_cap()
    {
        using var small = Response(HttpStatusCode.Forbidden, headers: ("Retry-After", "17"));
        using var huge = Response(HttpStatusCode.TooManyRequests, headers: ("Retry-After", "3600"));

        Assert.That(RetryClassifier.ServerRequestedDelay(small, Now, Cap), Is.EqualTo(TimeSpan.FromSeconds(17)));
        Assert.That(RetryClassifier.ServerRequestedDelay(huge, Now, Cap), Is.EqualTo(Cap));
    }

    [Test]
    public void Rate_limit_reset_epoch_is_used_when_the_budget_is_spent()
    {
        var reset = Now.AddSeconds(42).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var spent = Response(HttpStatusCode.Forbidden, headers: [("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", reset)]);
        using var notSpent = Response(HttpStatusCode.ServiceUnavailable, headers: [("X-RateLimit-Remaining", "10"), ("X-RateLimit-Reset", reset)]);

        Assert.That(RetryClassifier.ServerRequestedDelay(spent, Now, Cap), Is.EqualTo(TimeSpan.FromSeconds(42)));
        Assert.That(RetryClassifier.ServerRequestedDelay(notSpent, Now, Cap), Is.Null, "5xx uses the exponential backoff");
    }

    [Test]
    public void Reset_in_the_past_waits_nothing()
    {
        var reset = Now.AddSeconds(-5).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var response = Response(HttpStatusCode.Forbidden, headers: [("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", reset)]);
        Assert.That(RetryClassifier.ServerRequestedDelay(response, Now, Cap), Is.EqualTo(TimeSpan.Zero));
    }

    [Test]
    public async Task Secondary_limit_is_recognised_from_the_body_and_the_body_stays_readable()
    {
        using var response = Response(HttpStatusCode.Forbidden, "{\"message\":\"You have exceeded a secondary rate limit.\"}");

        Assert.That(await RetryClassifier.IsRetryableAsync(response, null), Is.True);
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("secondary rate limit"));
        Assert.That(RetryClassifier.ServerRequestedDelay(response, Now, Cap), Is.EqualTo(Cap), "no hint: wait the cap (GitHub: at least a minute)");
    }

    [TestCase(HttpStatusCode.Forbidden, false)]
    [TestCase(HttpStatusCode.NotFound, false)]
    [TestCase(HttpStatusCode.UnprocessableEntity, false)]
    [TestCase(HttpStatusCode.Unauthorized, false)]
    [TestCase(HttpStatusCode.TooManyRequests, true)]
    [TestCase(HttpStatusCode.RequestTimeout, true)]
    [TestCase(HttpStatusCode.BadGateway, true)]
    [TestCase(HttpStatusCode.GatewayTimeout, true)]
    public async Task Status_codes_are_classified(HttpStatusCode status, bool retryable)
    {
        using var response = Response(status, "{\"message\":\"Resource not accessible by integration\"}");
        Assert.That(await RetryClassifier.IsRetryableAsync(response, null), Is.EqualTo(retryable));
    }

    [Test]
    public async Task Transport_failures_and_timeouts_are_retryable_other_exceptions_not()
    {
        Assert.That(await RetryClassifier.IsRetryableAsync(null, new HttpRequestException("refused")), Is.True);
        Assert.That(await RetryClassifier.IsRetryableAsync(null, new Polly.Timeout.TimeoutRejectedException()), Is.True);
        Assert.That(await RetryClassifier.IsRetryableAsync(null, new InvalidOperationException()), Is.False);
    }
}
