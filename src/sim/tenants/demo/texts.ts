import type { Prng } from '../../prng.js';
import type { DemoProject } from './activities.js';

/** Swedish follow-up texts (HTML) for the demo and large tenants, chosen with a seeded PRNG. */

const OPENING: Record<number, readonly string[]> = {
  2018: ['Arbetet startade under året.', 'Under 2018 lades grunden för samarbetet.', 'Kontakterna etablerades under våren.'],
  2019: ['Samarbetet har fördjupats under året.', 'Arbetet har löpt enligt plan.', 'Aktiviteten har genomförts med gott resultat.'],
  2020: [
    'Pandemin gjorde att fysiska möten ersattes av digitala träffar.',
    'Planerade resor ställdes in på grund av covid-19, men arbetet fortsatte digitalt.',
    'Arbetet har slutförts enligt plan trots pandemin.',
  ],
};

const DETAIL = [
  'Två gemensamma arbetsmöten har hållits med partnerorganisationen.',
  'En studieresa genomfördes i september med åtta deltagare.',
  'Erfarenheterna har spridits internt via en workshop för medarbetare.',
  'En avsiktsförklaring om fortsatt samarbete har undertecknats.',
  'Ett webbinarium med 45 deltagare arrangerades tillsammans med partnerna.',
  'Resultaten redovisas även i verksamhetsberättelsen.',
  'Arbetet har bidragit till ökad kunskap om internationella frågor i verksamheten.',
];

const NEXT = [
  'Nästa steg är att ta fram en gemensam handlingsplan.',
  'Inför nästa år planeras ett återbesök.',
  'Samarbetet fortsätter enligt plan.',
  'Vi ser över möjligheterna till extern finansiering.',
];

const PROJECT_DETAIL = ['Medel har rekvirerats enligt plan.', 'Lägesrapporten till finansiären har godkänts.', 'Projektet följer budget och tidplan.'];

/** A yearly follow-up of an activity, e.g. `<p>Arbetet har löpt enligt plan. …</p><p>Nästa steg …</p>`. */
export function followUpText(prng: Prng, year: number, isProject: boolean): string {
  const opening = prng.pick(OPENING[year] ?? OPENING[2019] ?? DETAIL);
  const detail = prng.pick(isProject ? PROJECT_DETAIL : DETAIL);
  return `<p>${opening} ${detail}</p><p>${prng.pick(NEXT)}</p>`;
}

/** A project named in a project statement. */
export interface StatementProject {
  name: string;
  project: DemoProject;
}

/**
 * A unit's yearly statement on the project-report node: the explicit "none" (matched by the
 * mapping's marker `inga (externfinansierade )?projekt`) or a list of its projects.
 */
export function projectStatementText(year: number, projects: readonly StatementProject[], variant: number): string {
  if (projects.length === 0) {
    return variant % 2 === 0 ? `<p>Inga externfinansierade projekt ${year}.</p>` : `<p>Förvaltningen har inte haft någon extern finansiering under ${year}. Inga projekt att redovisa.</p>`;
  }
  const items = projects
    .map(({ name, project }) => `<li>${name} – ${project.programme}, beviljat ${project.amount === null ? 'belopp ej angivet' : `${project.amount} kr`} (${project.year})</li>`)
    .join('');
  return `<p>Externfinansierade projekt ${year}:</p><ul>${items}</ul>`;
}

/** A local Stockholm timestamp `yyyy-MM-dd HH:mm:ss` on a day, during office hours. */
export function officeTime(prng: Prng, day: string): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${day} ${pad(prng.int(8, 16))}:${pad(prng.int(0, 59))}:${pad(prng.int(0, 59))}`;
}
