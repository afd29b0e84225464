using System.Text.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Inertia.Web.Api.Miniflux;

/// <summary>Query parameters an endpoint reads for itself, named in its OpenAPI description.</summary>
public sealed record QueryParameters(params QueryParameter[] List);

/// <summary>
/// The body an endpoint reads for itself, for its OpenAPI description (not <c>Accepts</c>: that would also make routing
/// refuse a request whose Content-Type differs, and apps send bodies with all sorts of them).
/// </summary>
public sealed record RequestBody(Type Type, string ContentType);

/// <summary>One query parameter: its name, OpenAPI type and meaning.</summary>
public sealed record QueryParameter(string Name, JsonSchemaType Type, string Description);

/// <summary>
/// The OpenAPI document of the Miniflux REST API, at <c>/api/openapi/miniflux.json</c>: the endpoints under <c>/v1/</c> with
/// their summaries, query parameters, bodies and replies in Miniflux's snake_case, and its two ways to authenticate.
/// </summary>
public static class MinifluxOpenApi
{
    public const string Document = "miniflux";
    public const string Path = "/api/openapi/{documentName}.json";

    /// <summary>The error every refusal carries.</summary>
    public sealed record ErrorReply(string ErrorMessage);

    public static IServiceCollection AddMinifluxOpenApi(this IServiceCollection services) => services
        // the document's schemas follow these options: numbers are numbers (the web default also reads them from strings)
        .ConfigureHttpJsonOptions(o => o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict)
        .AddOpenApi(Document, options =>
    {
        options.ShouldInclude = d => d.RelativePath?.StartsWith("v1/", StringComparison.Ordinal) == true;
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Inertia — Miniflux REST API v1",
                Version = "1",
                Description = "Miniflux's API as Inertia serves it, so that Miniflux clients work unchanged. Sign in with an API password "
                    + "(created on the account page or with `inertia user api-key NAME`) as `X-Auth-Token`, or with HTTP Basic and an API "
                    + "password or the account password. Errors are `{\"error_message\": \"…\"}`.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
            {
                ["token"] = new OpenApiSecurityScheme { Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "X-Auth-Token", Description = "An API password" },
                ["basic"] = new OpenApiSecurityScheme { Type = SecuritySchemeType.Http, Scheme = "basic", Description = "User name and an API password or the account password" },
            };
            document.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("token", document)] = [] },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("basic", document)] = [] },
            ];
            return Task.CompletedTask;
        });
        options.AddOperationTransformer(async (operation, context, cancellationToken) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<RequestBody>().FirstOrDefault() is { } body)
            {
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        [body.ContentType] = new() { Schema = await context.GetOrCreateSchemaAsync(body.Type, null, cancellationToken) },
                    },
                };
            }
            if (metadata.OfType<QueryParameters>().FirstOrDefault() is { } query)
            {
                operation.Parameters ??= [];
                foreach (var p in query.List)
                {
                    operation.Parameters.Add(new OpenApiParameter { Name = p.Name, In = ParameterLocation.Query, Description = p.Description, Schema = new OpenApiSchema { Type = p.Type } });
                }
            }
        });
        // the replies are written with snake_case names (MinifluxCall.Json): the document says so
        options.AddSchemaTransformer((schema, context, _) =>
        {
            if (context.JsonTypeInfo.Type.Namespace == typeof(MinifluxJson).Namespace && schema.Properties is { Count: > 0 } properties)
            {
                schema.Properties = properties.ToDictionary(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Key), p => p.Value);
                if (schema.Required is { Count: > 0 } required)
                {
                    schema.Required = required.Select(JsonNamingPolicy.SnakeCaseLower.ConvertName).ToHashSet();
                }
            }
            return Task.CompletedTask;
        });
    });

    /// <summary>A summary, a tag, and the errors every endpoint may answer with.</summary>
    public static RouteHandlerBuilder Documented(this RouteHandlerBuilder endpoint, string tag, string summary) => endpoint
        .WithTags(tag)
        .WithSummary(summary)
        .Produces<ErrorReply>(400)
        .Produces<ErrorReply>(401)
        .Produces<ErrorReply>(404);

    /// <summary>The filters of Miniflux's entry lists.</summary>
    public static readonly QueryParameters EntryFilters = new(
        new("status", JsonSchemaType.String, "unread, read or removed (removed: none here); repeat for several"),
        new("starred", JsonSchemaType.Boolean, "only starred (true) or only not starred (false)"),
        new("limit", JsonSchemaType.Integer, "how many, 1 to 1000 (default 100)"),
        new("offset", JsonSchemaType.Integer, "how many to skip, up to 10000; page further with after_entry_id"),
        new("order", JsonSchemaType.String, "id, status, published_at, created_at or category_title"),
        new("direction", JsonSchemaType.String, "asc or desc"),
        new("before", JsonSchemaType.Integer, "first seen before this Unix time"),
        new("after", JsonSchemaType.Integer, "first seen after this Unix time"),
        new("before_entry_id", JsonSchemaType.Integer, "ids below this one"),
        new("after_entry_id", JsonSchemaType.Integer, "ids above this one"),
        new("category_id", JsonSchemaType.Integer, "only this category's feeds"),
        new("search", JsonSchemaType.String, "every word must occur in the title or text (Chinese included)"));
}
