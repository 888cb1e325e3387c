using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using DumpDist.TestSupport;

namespace DumpDist.FunctionalTests.Node;

/// <summary>
/// Every JSON document a real node serves (public web: status, dump API, listings, health; admin
/// API: state, assignments, audit) writes its timestamps one way: RFC 3339 in UTC with a <c>Z</c>.
/// </summary>
public sealed partial class NodeTimestampFormatTests : IAsyncLifetime
{
    private static readonly string[] Formats = ["yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"];
    private readonly string _dir = TestPaths.NewTempDirectory("node-times");
    private TwoNodeCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TwoNodeCluster.CreateAsync(_dir);

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Node_EveryJsonEndpoint_TimestampsAreRfc3339Utc()
    {
        var c = _cluster;
        await c.StartAsync("a");
        using (var sync = await c.CallAsync(HttpMethod.Post, "a", "api/v1/sync?wait=true"))
        {
            Assert.True(sync.IsSuccessStatusCode, await sync.Content.ReadAsStringAsync());
        }

        var wiki = Directory.GetDirectories(Path.Combine(_dir, "a", "root", "public")).Select(Path.GetFileName).First(n => n!.EndsWith("wiki", StringComparison.Ordinal));
        var documents = new Dictionary<string, string>
        {
            ["web /status.json"] = await GetAsync(c.Web("a", "status.json")),
            ["web /api/v1/index.json"] = await GetAsync(c.Web("a", "api/v1/index.json")),
            [$"web /api/v1/wikis/{wiki}/runs"] = await GetAsync(c.Web("a", $"api/v1/wikis/{wiki}/runs")),
            ["web listing /"] = await GetAsync(c.Web("a", "?format=json")),
        };

        // A forced drain: an audit record, assignments with `updated`, and a health answer with `draining_since`.
        using (var drain = await c.CallAsync(HttpMethod.Post, "a", "api/v1/drain", json: """{"host":"a","force":true,"reason":"timestamp test"}"""))
        {
            Assert.True(drain.IsSuccessStatusCode, await drain.Content.ReadAsStringAsync());
        }

        var draining = await Eventually.TrueAsync(async () => (await GetAsync(c.Web("a", "-/health"), allowUnavailable: true)).Contains("draining_since\":\"", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        Assert.True(draining, "the web never reported draining_since");
        foreach (var (name, body) in new Dictionary<string, string>
        {
            ["web /-/health"] = await GetAsync(c.Web("a", "-/health"), allowUnavailable: true),
            ["admin /api/v1/state"] = await AdminAsync("api/v1/state"),
            ["admin /api/v1/assignments"] = await AdminAsync("api/v1/assignments"),
            ["admin /api/v1/audit"] = await AdminAsync("api/v1/audit"),
        })
        {
            documents[name] = body;
        }

        foreach (var (name, body) in documents)
        {
            var stamps = Timestamps(JsonDocument.Parse(body).RootElement).ToList();
            Assert.True(stamps.Count > 0, $"{name} holds no timestamp to check:\n{body}");
            foreach (var (path, value) in stamps)
            {
                Assert.True(
                    StrictRfc3339().IsMatch(value) && DateTimeOffset.TryParseExact(value, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _),
                    $"{name} {path} = \"{value}\" is not RFC 3339 UTC (yyyy-MM-ddTHH:mm:ss[.f]Z)");
            }
        }
    }

    private async Task<string> GetAsync(Uri uri, bool allowUnavailable = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await _cluster.Http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode || (allowUnavailable && (int)response.StatusCode == 503), $"{uri}: {(int)response.StatusCode}");
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<string> AdminAsync(string path)
    {
        using var response = await _cluster.CallAsync(HttpMethod.Get, "a", path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        return body;
    }

    /// <summary>Every string that looks like a date and time in any ISO-ish form, with its JSON path.</summary>
    private static IEnumerable<(string Path, string Value)> Timestamps(JsonElement element, string path = "$")
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    foreach (var found in Timestamps(property.Value, path + "." + property.Name))
                    {
                        yield return found;
                    }
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var found in Timestamps(item, $"{path}[{index++}]"))
                    {
                        yield return found;
                    }
                }

                break;
            case JsonValueKind.String when LooksLikeTimestamp().IsMatch(element.GetString()!):
                yield return (path, element.GetString()!);
                break;
        }
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")]
    private static partial Regex LooksLikeTimestamp();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?Z$")]
    private static partial Regex StrictRfc3339();
}
