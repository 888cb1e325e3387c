using Microsoft.AspNetCore.Builder;

namespace DumpDist.Web.Api;

/// <summary>Adds the dump-aware API to a pipeline.</summary>
public static class DumpApiExtensions
{
    /// <summary>Serves <c>/api/v1/...</c> from the tree in <see cref="DumpApiOptions.TreeRoot"/>.</summary>
    public static IApplicationBuilder UseDumpApi(this IApplicationBuilder app) => app.UseMiddleware<DumpApiMiddleware>();
}
