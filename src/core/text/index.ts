// The one home of the text Queue Lens shows: endpoints, flow labels, bytes, rates, percentages, counts, times,
// hashes, error messages, and file text made safe to show. Pure (no Node, no DOM): the webview bundles it too.
export { endpointText, flowLabel, formatEndpoint } from './endpoint';
export { formatBytes } from './bytes';
export { formatMbit, formatRate, mbitData } from './rate';
export { formatPercent } from './percent';
export { formatRatio } from './ratio';
export { countOf, formatCount, plural } from './count';
export { formatSeconds } from './time';
export { hex32 } from './hex';
export { errorMessage } from './error';
export { untrustedText } from './untrusted';
