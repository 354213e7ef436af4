// Where this browser remembers that someone signed in here (the first screen's reads then
// go out with the page): a module of its own so early.js can read it without the modules
// that speak (and wait for the catalog).
export const SIGNED_IN_KEY = 'natter.signedIn';
