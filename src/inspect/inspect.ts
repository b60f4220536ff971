// inspect: a target to a ModelRecord. One reader per source (model-card, license-files,
// config-files, mergekit-config, model-file-metadata, catalogue-record, record-file) and an
// assembler that merges their evidence (assemble); this module gathers the public entry points.
export { inspect, inspectFile, targetDirOf } from "./target.js";
export { inspectFolder, inspectFiles, MAX_UPLOAD_FILE, type InspectOptions } from "./model-folder.js";
export { loadRecord, validateRecord } from "./record-file.js";
export { recordFromCatalogue } from "./catalogue-record.js";
export { cleanModelId } from "./model-id.js";
