// Hydrogen's own start (hydrogen-web's src/main.js) through the SDK's exports: the root
// view model and view, i.e. the app's login screen, room list, room view, timeline and
// composer. No olm assets: end-to-end encryption is off (natter has none), so Hydrogen
// makes no device keys. Its service worker (lib-build/sw.js) is served at /sw.js. No homeserver in the config: the person types natter's address
// into the login screen.
import { Platform, RootViewModel, createNavigation, createRouter, FeatureSet } from 'hydrogen-view-sdk';

const SDK = '/npm/hydrogen-view-sdk/asset-build/assets';

async function main() {
  const app = document.getElementById('app');
  const platform = new Platform({
    container: app,
    // The service worker is not optional in this version: the client hands it the access
    // token (for authenticated media) once signed in.
    assetPaths: { downloadSandbox: `${SDK}/download-sandbox.html`, worker: `${SDK}/main.js`, serviceWorker: '/sw.js' },
    config: {},
    options: { development: false },
  });
  await platform.init();
  const navigation = createNavigation();
  platform.setNavigation(navigation);
  const urlRouter = createRouter({ navigation, history: platform.history });
  urlRouter.attach();
  const features = await FeatureSet.load(platform.settingsStorage);
  const vm = new RootViewModel({ platform, urlRouter, navigation, features });
  await vm.load();
  platform.createAndMountRootView(vm);
  document.body.dataset.hydrogen = 'mounted';
}

main().catch((err) => {
  document.body.dataset.hydrogen = 'failed';
  console.error(`hydrogen failed to start: ${err && err.stack ? err.stack : err}`);
});
