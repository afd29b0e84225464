// The Miniflux REST API's interactive reference: Scalar's standalone bundle (served by Scalar.AspNetCore) pointed at
// the OpenAPI document. A file, not an inline script, so the page keeps the site's script policy. No telemetry, no AI
// agent, no developer toolbar, no fonts from elsewhere: the page talks to this server only.
Scalar.createApiReference('#app', {
  url: '/api/openapi/miniflux.json',
  showDeveloperTools: 'never',
  agent: { disabled: true },
  telemetry: false,
  withDefaultFonts: false,
  metaData: { title: 'Inertia — Miniflux REST API' },
})
