// The portfolio module's audit events: systems, e-services, integrations, imports, overlaps, confirmations.
import { defineAuditEvents, event } from '../../platform/audit-events.ts';

type Sides = { provider: string; consumer: string };

export const portfolioAuditEvents = defineAuditEvents({ module: 'portfolio', en: 'Systems portfolio', sw: 'Jalada la mifumo' }, {
  'portfolio.reference.load': event<{ domains: number; capabilities: number; sharedSystems: number }>({ entity: 'reference_data', en: 'Portfolio reference data loaded', sw: 'Data za rejea za jalada zimepakiwa' }),
  'portfolio.system.create': event<{ code: string; name: string; originProposalId: string | null | undefined }>({ entity: 'portfolio_system', en: 'System registered', sw: 'Mfumo umesajiliwa' }),
  'portfolio.system.update': event<{ code: string; fields: string[] }>({ entity: 'portfolio_system', en: 'System changed', sw: 'Mfumo umebadilishwa' }),
  'portfolio.eservice.create': event<{ system: string; name: string }>({ entity: 'portfolio_eservice', en: 'E-service added', sw: 'Huduma ya kielektroniki imeongezwa' }),
  'portfolio.eservice.remove': event<{ system: string; name: string }>({ entity: 'portfolio_eservice', en: 'E-service removed', sw: 'Huduma ya kielektroniki imeondolewa' }),
  'portfolio.integration.create': event<Sides & { channel: string }>({ entity: 'portfolio_integration', en: 'Integration added', sw: 'Muunganiko umeongezwa' }),
  'portfolio.integration.agreement': event<Sides & { file: string; sha256: string; size: number; replaced: string | null }>({ entity: 'portfolio_integration', en: 'Integration agreement uploaded', sw: 'Makubaliano ya muunganiko yamepakiwa' }),
  'portfolio.integration.remove': event<Sides>({ entity: 'portfolio_integration', en: 'Integration removed', sw: 'Muunganiko umeondolewa' }),
  'portfolio.import': event<{ file: string | null; sha256: string; rows: number; created: number; updated: number; unchanged: number; institutions: number; job?: number }>({ entity: 'portfolio_import', en: 'Systems imported from a spreadsheet', sw: 'Mifumo imeingizwa kutoka lahajedwali' }),
  'portfolio.overlap.decide': event<{ systems: string[]; verdict: string }>({ entity: 'portfolio_overlap', en: 'Overlap decided', sw: 'Mwingiliano umeamuliwa' }),
  'portfolio.confirm': event<{ year: number; systems: number }>({ entity: 'portfolio_confirmation', en: 'Portfolio confirmed', sw: 'Jalada limethibitishwa' }),
});
export const audit = portfolioAuditEvents.audit;
