using DumpDist.Node.Assignments.Etcd;

namespace DumpDist.Node.Tests.Assignments.Etcd;

public sealed class EtcdStoreOptionsTests
{
    [Fact]
    public void Validate_OneHttpEndpointAndDefaults_HasNoErrors() =>
        Assert.Empty(new EtcdStoreOptions { Endpoints = [new Uri("http://etcd1:2379")] }.Validate());

    [Theory]
    [InlineData("unix:///run/etcd.sock", "/dumpdist/", 5, "assignments.etcd.endpoints: 'unix:///run/etcd.sock' is not an http:// or https:// URL")]
    [InlineData("http://etcd1:2379", "dumpdist", 5, "assignments.etcd.prefix: 'dumpdist' must start and end with '/'")]
    [InlineData("http://etcd1:2379", "/dumpdist", 5, "assignments.etcd.prefix: '/dumpdist' must start and end with '/'")]
    [InlineData("https://etcd1:2379", "/dumpdist/", 0, "assignments.etcd.timeout: 00:00:00 must be positive")]
    public void Validate_BadField_NamesIt(string endpoint, string prefix, int timeoutSeconds, string expected)
    {
        var options = new EtcdStoreOptions { Endpoints = [new Uri(endpoint)], Prefix = prefix, Timeout = TimeSpan.FromSeconds(timeoutSeconds) };

        Assert.Equal([expected], options.Validate());
    }

    [Fact]
    public void Validate_NoEndpoints_SaysOneIsRequired() =>
        Assert.Equal(["assignments.etcd.endpoints: at least one etcd client URL is required"], new EtcdStoreOptions().Validate());
}
