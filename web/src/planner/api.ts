/**
 * The planner's server calls, all through the typed client (`hc<AppType>`): rule checks, rule titles, corner-point
 * tables, and proposals. Response shapes are the server's own types (type-only imports).
 */
import type { Feature } from 'geojson';
import type { CornersResult } from '../../../server/routes/corners.ts';
import type { ProposalCheck, ProposalDetail, ProposalSummary } from '../../../server/routes/proposals.ts';
import type { CheckResponse } from '../../../server/rules/engine.ts';
import type { Finding } from '../../../server/rules/types.ts';
import { client, ensureOk } from '../api/client.ts';
import type { Label } from '../i18n/map.ts';
import type { ProposalKind } from './model.ts';

export type { CheckResponse, CornersResult, Finding, ProposalCheck, ProposalDetail, ProposalSummary };
export type ProposalStatus = ProposalSummary['status'];

export interface RuleInfo {
  id: string;
  version: number;
  title: Label;
  basis: string;
}

export interface CornerSystem {
  kind: 'gk3' | 'gk6' | 'lonlat';
  zone?: number;
  centralMeridian?: number;
}

const init = (signal?: AbortSignal) => ({ init: { signal } });

export async function runCheck(layer: ProposalKind, feature: Feature, signal?: AbortSignal): Promise<CheckResponse> {
  const res = await ensureOk(await client.api.checks.$post({ json: { layer, feature: feature as unknown as { type: 'Feature'; [key: string]: unknown } } }, init(signal)));
  return (await res.json()) as unknown as CheckResponse;
}

export async function fetchRules(signal?: AbortSignal): Promise<RuleInfo[]> {
  const res = await ensureOk(await client.api.rules.$get(undefined, init(signal)));
  return (await res.json()) as unknown as RuleInfo[];
}

export async function parseCorners(text: string, system: CornerSystem | undefined, signal?: AbortSignal): Promise<CornersResult> {
  const res = await ensureOk(await client.api.corners.parse.$post({ json: system ? { text, system } : { text } }, init(signal)));
  return (await res.json()) as unknown as CornersResult;
}

export async function listProposals(signal?: AbortSignal): Promise<ProposalSummary[]> {
  const res = await ensureOk(await client.api.proposals.$get({ query: {} }, init(signal)));
  return (await res.json()) as unknown as ProposalSummary[];
}

export async function getProposal(id: string, signal?: AbortSignal): Promise<ProposalDetail> {
  const res = await ensureOk(await client.api.proposals[':id'].$get({ param: { id } }, init(signal)));
  return (await res.json()) as unknown as ProposalDetail;
}

type FeatureBody = { type: 'Feature'; geometry: { type: string }; properties: Record<string, unknown> };

export async function createProposal(layer: ProposalKind, feature: Feature): Promise<ProposalDetail> {
  const res = await ensureOk(await client.api.proposals.$post({ json: { layer, feature: feature as unknown as FeatureBody } }));
  return (await res.json()) as unknown as ProposalDetail;
}

export async function updateProposal(id: string, change: { feature?: Feature; status?: ProposalStatus }): Promise<ProposalDetail> {
  const json = { ...(change.feature ? { feature: change.feature as unknown as FeatureBody } : {}), ...(change.status ? { status: change.status } : {}) };
  const res = await ensureOk(await client.api.proposals[':id'].$put({ param: { id }, json }));
  return (await res.json()) as unknown as ProposalDetail;
}

export async function checkProposal(id: string): Promise<ProposalCheck> {
  const res = await ensureOk(await client.api.proposals[':id'].checks.$post({ param: { id }, json: {} }));
  return (await res.json()) as unknown as ProposalCheck;
}

export async function deleteProposal(id: string): Promise<void> {
  await ensureOk(await client.api.proposals[':id'].$delete({ param: { id } }));
}
