using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace NetAutomation.Web.Features.Api;

/// <summary>
/// A body that is not JSON, or a value of the wrong type ("role": "Banana"), fails before any handler runs. Minimal APIs
/// then answer a bare 400; here the API answers a validation problem naming the field instead, in every environment.
/// Requests outside the API keep their plain 400.
/// </summary>
internal sealed class BadRequestProblems(IProblemDetailsService problems) : IExceptionHandler, IDeveloperPageExceptionFilter
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (exception is not BadHttpRequestException bad) return false;
        context.Response.StatusCode = bad.StatusCode;
        if (!context.Request.Path.StartsWithSegments("/api")) return true;
        if (context.Features.Get<IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
        var (field, message) = Describe(bad);
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
            {
                Status = bad.StatusCode,
                Title = "The request has invalid fields.",
                Detail = "Nothing was changed.",
            },
        });
        return true;
    }

    public async Task HandleExceptionAsync(ErrorContext context, Func<ErrorContext, Task> next)
    {
        if (!await TryHandleAsync(context.HttpContext, context.Exception, context.HttpContext.RequestAborted)) await next(context);
    }

    /// <summary>The JSON path of the bad value as a field name (<c>$.role</c> becomes <c>role</c>), or <c>body</c>.</summary>
    private static (string Field, string Message) Describe(BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException { Path: { Length: > 2 } path } json)
        {
            var field = path.TrimStart('$', '.');
            return (field, json.Message.Contains("could not be converted", StringComparison.Ordinal)
                ? $"The value of '{field}' has the wrong type or is not one of the allowed values."
                : $"The JSON body is malformed near '{field}'.");
        }
        return bad.InnerException is JsonException
            ? ("body", "The body is not valid JSON.")
            : ("request", bad.Message);
    }
}
