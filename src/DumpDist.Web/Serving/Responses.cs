using System.Text;
using Microsoft.AspNetCore.Http;

namespace DumpDist.Web.Serving;

/// <summary>Short plain-text answers (errors, refusals): a status and one readable line.</summary>
internal static class Responses
{
    public static async Task<long> TextAsync(HttpContext context, int status, string text)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "text/plain; charset=utf-8";
        var bytes = Encoding.UTF8.GetBytes(text);
        response.ContentLength = bytes.Length;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return 0;
        }

        await response.Body.WriteAsync(bytes, context.RequestAborted);
        return bytes.Length;
    }

    public static async Task<long> BytesAsync(HttpContext context, int status, string contentType, byte[] bytes)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength = bytes.Length;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return 0;
        }

        await response.Body.WriteAsync(bytes, context.RequestAborted);
        return bytes.Length;
    }
}
