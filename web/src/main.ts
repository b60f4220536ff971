// Placeholder entry replaced by the web app.
document.body.dataset.ready = "1";
