import { type OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";

export function openApiDocument(registry: OpenAPIRegistry) {
  registry.registerComponent("securitySchemes", "session", {
    type: "apiKey",
    in: "cookie",
    name: "ssp_session",
  });
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "SSP API",
      version: "0.1.0",
      description:
        "Rental back office. Lists follow ra-data-simple-rest (sort, range, filter; Content-Range). Errors: { code, message, errors? }.",
    },
    servers: [{ url: "/" }],
  });
}
