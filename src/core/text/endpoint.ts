// Endpoints and flows as every view, export and CLI line writes them.
import { formatEndpoint } from '../hashing/ip';

export { formatEndpoint };

/** "10.0.0.1:5001", "[fd00::1]:42000". */
export function endpointText(e: { ip: string; port: number }): string {
  return formatEndpoint(e.ip, e.port);
}

/** "tcp 10.0.0.1:40000 → 10.0.0.2:5001": a flow as the queue views label it (source → destination). */
export function flowLabel(t: { proto: string; src: { ip: string; port: number }; dst: { ip: string; port: number } }): string {
  return `${t.proto} ${endpointText(t.src)} → ${endpointText(t.dst)}`;
}
