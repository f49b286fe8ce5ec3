// The app version recorded in every output's metadata (MODEL.md §8 `app_version`).
import pkg from '../../package.json';

export const APP_VERSION: string = pkg.version;
