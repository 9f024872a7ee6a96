// Starts Swagger UI on /docs. A file rather than an inline script, so the page works
// under a Content-Security-Policy without 'unsafe-inline' scripts.
//
// Swagger UI copies every parameter's `example` into the Try-it-out form and sends it
// (swagger-api/swagger-ui#5776, #8276): on a collection that means twenty filters at
// once, which match nothing, and an emptied multi-select is refused (minItems, #7111).
// So the page's copy of the document carries each query example in the description
// instead. A path parameter keeps its example: "Try it out" on a record then works
// without typing an id.
function examplesInDescriptions(res) {
  const path = res.url ? new URL(res.url, window.location.href).pathname : "";
  if (!res.ok || path !== "/openapi.json") {
    return res;
  }
  const doc = JSON.parse(res.text);
  Object.values(doc.paths || {}).forEach(function (item) {
    Object.values(item).forEach(function (operation) {
      (operation.parameters || []).forEach(function (param) {
        if (param.in !== "query") {
          return;
        }
        if (param.example !== undefined && param.example !== null) {
          const shown = Array.isArray(param.example) ? param.example.join(",") : param.example;
          param.description = (param.description || "") + " Example: `" + shown + "`.";
        }
        delete param.example;
      });
    });
  });
  res.text = JSON.stringify(doc);
  res.body = doc;
  return res;
}

window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    tryItOutEnabled: true,
    displayRequestDuration: true,
    showExtensions: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    responseInterceptor: examplesInDescriptions,
  });
});
