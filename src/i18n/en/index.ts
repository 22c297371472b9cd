/**
 * Every string of the site's interface in English, the source dictionary, one module per part of the
 * site (so a script that shows the bench's words ships only those: see ../client.ts). ko/ has the same
 * parts and shapes: each Korean part is typed by its English one, so a missing key fails
 * `astro check`, the build (../index.ts) and ../dictionary.test.ts.
 *
 * A string with values is a function of them; a string holding markup ends in `Html` and is rendered
 * with `set:html` (only these dictionaries write those). Command output never comes from here: the
 * terminal shows what the tools print.
 */
export { site } from './site';
export { code } from './code';
export { diagram } from './diagram';
export { home } from './home';
export { lesson } from './lesson';
export { bench } from './bench';
export { trace } from './trace';
export { exercise } from './exercise';
export { progress } from './progress';
export { labs } from './labs';
export { grade } from './grade';
export { notFound } from './notFound';
