// Sample bodies for reference documents: our own placeholder sentences, clearly marked as sample,
// so the portal, search and redlines can be tried. They are not the text of the real documents.
import type { Section } from './schema.ts';
import { shortId } from './text.ts';

const clause = (textSw: string, textEn: string) => ({ id: shortId(), textSw, textEn });

export function sampleSummary(titleSw: string, titleEn: string) {
  return {
    summarySw: `Muhtasari wa sampuli wa "${titleSw}". Maandishi halisi ya hati hii yanapatikana kwa mtoaji wake.`,
    summaryEn: `Sample summary of "${titleEn}". The authentic text of this document is held by its issuer.`,
  };
}

export function sampleContent(p: { titleSw: string; titleEn: string; groupSw?: string; groupEn?: string; kind: string }): Section[] {
  const areaSw = p.groupSw ? `eneo la ${p.groupSw}` : 'Serikali Mtandao';
  const areaEn = p.groupEn ? `the ${p.groupEn} area` : 'e-Government';
  return [
    {
      id: shortId(),
      headingSw: 'Kuhusu maandishi haya (sampuli)',
      headingEn: 'About this text (sample)',
      clauses: [
        clause(
          `Haya ni maandishi ya sampuli yaliyoandikwa kwa ajili ya kujaribu Viwango. Si maandishi rasmi ya "${p.titleSw}".`,
          `This is sample text written to try out Viwango. It is not the official text of "${p.titleEn}".`,
        ),
      ],
    },
    {
      id: shortId(),
      headingSw: 'Madhumuni',
      headingEn: 'Purpose',
      clauses: [
        clause(
          `Hati hii inaweka mwelekeo wa pamoja kwa taasisi za umma katika ${areaSw}, ili mifumo ya Serikali iweze kuwasiliana na kubadilishana taarifa kwa usalama.`,
          `This document sets a common direction for public institutions in ${areaEn}, so that government systems can work together and exchange information securely.`,
        ),
        clause(
          'Inasaidia kutambua huduma na mifumo inayorudiwa, na kuhimiza kutumia tena kilichopo.',
          'It helps to spot duplicated services and systems, and encourages reuse of what already exists.',
        ),
      ],
    },
    {
      id: shortId(),
      headingSw: 'Matakwa',
      headingEn: 'Requirements',
      clauses: [
        clause(
          'Kila taasisi ya umma itateua afisa wa TEHAMA atakayesimamia utekelezaji wa hati hii.',
          'Each public institution shall name an ICT officer to oversee how this document is applied.',
        ),
        clause(
          'Taasisi itahifadhi kumbukumbu za utekelezaji na kuziwasilisha kwa Mamlaka inapoombwa.',
          'The institution shall keep records of implementation and submit them to the Authority on request.',
        ),
        clause(
          'Usalama wa taarifa utazingatiwa katika kila hatua ya usanifu, ununuzi na uendeshaji wa mifumo.',
          'Information security shall be considered at every stage of designing, procuring and running systems.',
        ),
      ],
    },
  ];
}
