// Swagger UI over natter's OpenAPI document. Kept out of the page so the
// page's Content-Security-Policy needs no inline script. "Try it out" from a signed-in
// browser sends the session cookie, and Django's CSRF token on unsafe methods.
(function () {
  "use strict";
  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : null;
  }
  window.ui = SwaggerUIBundle({
    url: "/api/schema/?format=json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    // Each tag opens when clicked: with every operation listed open, Swagger UI 5.35
    // drew the first tag and stopped, silently, once the document passed 140 operations
    // (the same document drew whole at 140; tests/browser/swagger-ui.mjs).
    docExpansion: "none",
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    requestInterceptor: function (request) {
      var method = (request.method || "GET").toUpperCase();
      var token = csrfToken();
      if (token && ["GET", "HEAD", "OPTIONS", "TRACE"].indexOf(method) < 0) {
        request.headers["X-CSRFToken"] = token;
      }
      return request;
    },
  });
})();
