# The web client's page as natter serves it: what it says before its own catalogs load.

# Shown by a browser that runs no JavaScript.
page-needs-javascript = natter needs JavaScript to run in the browser.
