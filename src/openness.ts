// Openness of a model from its components' licenses: the Model Openness Framework class it can
// reach (III Open Model, II Open Tooling, I Open Science) and whether its weights and code meet
// the license requirements of the OSI Open Source AI Definition. Behavioural-use licenses (RAIL,
// Llama, Gemma) restrict use, so they never count as open.
import { createRequire } from "node:module";
import type { KnowledgeBase } from "./kb/knowledge-base.js";
import type { License } from "./kb/schema.js";
import type { ModelRecord } from "./inspect/record.js";

const require = createRequire(import.meta.url);
let osi: Record<string, { osiApproved: boolean }> | undefined;
function osiApproved(spdx: string | null): boolean {
  osi ??= require("spdx-license-list") as Record<string, { osiApproved: boolean }>;
  return Boolean(spdx && osi[spdx]?.osiApproved);
}

export type MofClass = "I" | "II" | "III";

export interface ComponentOpenness {
  component: "weights" | "code" | "data";
  /** License id, or null when no license is known for the component. */
  license: string | null;
  open: boolean;
  reason: string;
}

export interface Openness {
  /** The highest class reached, or null when not even Class III. */
  mof_class: MofClass | null;
  components: ComponentOpenness[];
  /** What keeps the model out of each class it does not reach. */
  blockers: { class: MofClass; component: string; reason: string }[];
  osaid: { weights: boolean; code: boolean; meets: boolean; reason: string };
}

/** Open for weights and data: anyone may use, study, modify and share it, for any purpose. */
function openContent(lic: License | undefined): { open: boolean; reason: string } {
  if (!lic) return { open: false, reason: "no recognised license" };
  if (!lic.verified) return { open: false, reason: `${lic.name} is not verified` };
  if (lic.use_restrictions.length)
    return {
      open: false,
      reason: `${lic.name} restricts use (${lic.use_restrictions.length} use restrictions)`,
    };
  if (lic.terms.commercial.value === "forbidden")
    return { open: false, reason: `${lic.name} forbids commercial use` };
  if (
    lic.terms.modify.value === "forbidden" ||
    (lic.terms.modify.value === "conditional" && /privately|share/.test(lic.terms.modify.condition ?? ""))
  )
    return { open: false, reason: `${lic.name} does not allow sharing modified versions` };
  if (lic.licensor) return { open: false, reason: `${lic.name} is a vendor agreement, not an open license` };
  if (!["permissive", "public-domain", "copyleft", "weak-copyleft"].includes(lic.family))
    return { open: false, reason: `${lic.name} is in the ${lic.family} family` };
  return { open: true, reason: `${lic.name} allows use, study, modification and sharing for any purpose` };
}

function openCode(lic: License | undefined): { open: boolean; reason: string } {
  if (!lic) return { open: false, reason: "no code license found" };
  if (osiApproved(lic.spdx)) return { open: true, reason: `${lic.name} is OSI-approved` };
  return { open: false, reason: `${lic.name} is not an OSI-approved license` };
}

export function openness(
  record: ModelRecord,
  datasetLicenses: (string | null)[],
  kb: KnowledgeBase,
): Openness {
  const comp = (k: string) => record.components.find((c) => c.kind === k)?.license ?? null;
  const weightsId = comp("weights") ?? record.license.id;
  const codeId = comp("code");
  const w = openContent(kb.license(weightsId));
  const c = openCode(codeId ? kb.license(codeId) : undefined);
  const data = datasetLicenses.map((id) => ({
    id,
    ...(id ? openContent(kb.license(id)) : { open: false, reason: "dataset license unknown" }),
  }));
  const components: ComponentOpenness[] = [
    { component: "weights", license: weightsId, ...w },
    { component: "code", license: codeId, ...c },
    ...data.map((d) => ({ component: "data" as const, license: d.id, open: d.open, reason: d.reason })),
  ];
  const blockers: Openness["blockers"] = [];
  if (!w.open) blockers.push({ class: "III", component: "weights", reason: w.reason });
  if (!c.open)
    blockers.push({ class: "III", component: "code", reason: `model architecture code: ${c.reason}` });
  if (!c.open)
    blockers.push({
      class: "II",
      component: "code",
      reason: `training, inference and evaluation code: ${c.reason}`,
    });
  if (!data.length)
    blockers.push({ class: "I", component: "data", reason: "no training datasets are declared" });
  for (const d of data.filter((x) => !x.open))
    blockers.push({ class: "I", component: "data", reason: `${d.id ?? "a dataset"}: ${d.reason}` });
  const blocked = (k: MofClass) => blockers.some((b) => b.class === k);
  const mof_class: MofClass | null = blocked("III")
    ? null
    : blocked("II")
      ? "III"
      : blocked("I")
        ? "II"
        : "I";
  const meets = w.open && c.open;
  return {
    mof_class,
    components,
    blockers,
    osaid: {
      weights: w.open,
      code: c.open,
      meets,
      reason: meets
        ? "weights and code are under open terms free of use restrictions"
        : [w.open ? "" : `weights: ${w.reason}`, c.open ? "" : `code: ${c.reason}`]
            .filter(Boolean)
            .join("; "),
    },
  };
}
