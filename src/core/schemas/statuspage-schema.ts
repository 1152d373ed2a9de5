/**
 * The documents of Atlassian Statuspage's public API v2 (`/api/v2/*.json`), as far as mxstatus
 * fills them: the field names and values of Statuspage, so that its clients, widgets and
 * aggregators read our site unchanged. The builder's types are inferred from these schemas; the
 * end-to-end test validates every built file against them.
 */
import { z } from 'astro/zod';

/** Statuspage writes ISO 8601 times with an offset; ours are UTC. */
const time = z.iso.datetime({ offset: true });

/** The status page itself, repeated at the top of every document. */
export const statuspagePageSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    /** The status site's home page. */
    url: z.url(),
    /** IANA zone the page shows times in. */
    time_zone: z.string().min(1),
    /** When the data last changed: the last log line read, never the time of the build. */
    updated_at: time,
  })
  .strict();

export const statuspageIndicatorSchema = z.enum(['none', 'minor', 'major', 'critical']);

export const statuspageStatusSchema = z
  .object({
    indicator: statuspageIndicatorSchema,
    description: z.string().min(1),
  })
  .strict();

export const componentStatusSchema = z.enum(['operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance']);

export const statuspageComponentSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    status: componentStatusSchema,
    created_at: time,
    updated_at: time,
    /** Order on the page, from 1. */
    position: z.number().int().min(1),
    description: z.string().nullable(),
    showcase: z.boolean(),
    /** The day the component began to be tracked. */
    start_date: z.iso.date().nullable(),
    group_id: z.string().nullable(),
    page_id: z.string().min(1),
    group: z.boolean(),
    only_show_if_degraded: z.boolean(),
  })
  .strict();

/** How one update changed a component. */
export const affectedComponentSchema = z
  .object({
    code: z.string().min(1),
    name: z.string().min(1),
    old_status: componentStatusSchema,
    new_status: componentStatusSchema,
  })
  .strict();

export const incidentStatusSchema = z.enum(['investigating', 'identified', 'monitoring', 'resolved', 'postmortem']);
export const maintenanceStatusSchema = z.enum(['scheduled', 'in_progress', 'verifying', 'completed']);

export const statuspageIncidentUpdateSchema = z
  .object({
    id: z.string().min(1),
    status: z.union([incidentStatusSchema, maintenanceStatusSchema]),
    body: z.string().min(1),
    incident_id: z.string().min(1),
    created_at: time,
    updated_at: time,
    display_at: time,
    affected_components: z.array(affectedComponentSchema).nullable(),
  })
  .strict();

const incidentFields = {
  id: z.string().min(1),
  name: z.string().min(1),
  created_at: time,
  updated_at: time,
  monitoring_at: time.nullable(),
  resolved_at: time.nullable(),
  started_at: time,
  /** An absolute link for tickets and chats. */
  shortlink: z.url(),
  page_id: z.string().min(1),
  /** Newest first, as Statuspage lists them. */
  incident_updates: z.array(statuspageIncidentUpdateSchema),
  components: z.array(statuspageComponentSchema),
};

export const statuspageIncidentSchema = z
  .object({
    ...incidentFields,
    status: incidentStatusSchema,
    impact: z.enum(['none', 'minor', 'major', 'critical']),
  })
  .strict();

export const statuspageMaintenanceSchema = z
  .object({
    ...incidentFields,
    status: maintenanceStatusSchema,
    impact: z.literal('maintenance'),
    scheduled_for: time,
    scheduled_until: time,
  })
  .strict();

const page = { page: statuspagePageSchema };

/** `/api/v2/<path>` → the schema of that document. */
export const statuspageDocumentSchemas = {
  'summary.json': z
    .object({
      ...page,
      status: statuspageStatusSchema,
      components: z.array(statuspageComponentSchema),
      /** Unresolved incidents. */
      incidents: z.array(statuspageIncidentSchema),
      /** Upcoming and in-progress maintenance. */
      scheduled_maintenances: z.array(statuspageMaintenanceSchema),
    })
    .strict(),
  'status.json': z.object({ ...page, status: statuspageStatusSchema }).strict(),
  'components.json': z.object({ ...page, components: z.array(statuspageComponentSchema) }).strict(),
  /** The 50 most recent incidents, newest first. */
  'incidents.json': z.object({ ...page, incidents: z.array(statuspageIncidentSchema) }).strict(),
  'incidents/unresolved.json': z.object({ ...page, incidents: z.array(statuspageIncidentSchema) }).strict(),
  /** The 50 most recent maintenances, latest start first. */
  'scheduled-maintenances.json': z.object({ ...page, scheduled_maintenances: z.array(statuspageMaintenanceSchema) }).strict(),
  'scheduled-maintenances/upcoming.json': z.object({ ...page, scheduled_maintenances: z.array(statuspageMaintenanceSchema) }).strict(),
  'scheduled-maintenances/active.json': z.object({ ...page, scheduled_maintenances: z.array(statuspageMaintenanceSchema) }).strict(),
};

export type StatuspageDocumentPath = keyof typeof statuspageDocumentSchemas;
export type StatuspageDocuments = { [P in StatuspageDocumentPath]: z.infer<(typeof statuspageDocumentSchemas)[P]> };
export type StatuspagePage = z.infer<typeof statuspagePageSchema>;
export type StatuspageComponent = z.infer<typeof statuspageComponentSchema>;
export type ComponentStatus = z.infer<typeof componentStatusSchema>;
export type StatuspageIncident = z.infer<typeof statuspageIncidentSchema>;
export type StatuspageIncidentUpdate = z.infer<typeof statuspageIncidentUpdateSchema>;
export type StatuspageMaintenance = z.infer<typeof statuspageMaintenanceSchema>;
