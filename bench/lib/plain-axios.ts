/** The baseline client: plain axios with a keep-alive agent and an access token fetched once, no runtime around it. */
import axios, { type AxiosInstance } from 'axios';
import { Agent } from 'node:http';

export interface PlainClient {
  http: AxiosInstance;
  agent: Agent;
  token: string;
  close(): void;
}

export async function plainClient(sandbox: { accountsUrl: string; apiDomain: string; clientId: string; clientSecret: string; refreshToken: string }): Promise<PlainClient> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const form = new URLSearchParams({ grant_type: 'refresh_token', client_id: sandbox.clientId, client_secret: sandbox.clientSecret, refresh_token: sandbox.refreshToken });
  const { data } = await axios.post<{ access_token: string }>(`${sandbox.accountsUrl}/oauth/v2/token`, form, { httpAgent: agent });
  const http = axios.create({ baseURL: `${sandbox.apiDomain}/crm/v8`, httpAgent: agent, headers: { Authorization: `Zoho-oauthtoken ${data.access_token}` } });
  return { http, agent, token: data.access_token, close: () => agent.destroy() };
}
