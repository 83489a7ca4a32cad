import { z } from 'zod';

/**
 * Wire schemas in Stratsys' own vocabulary (API v1, PascalCase). Keys are matched
 * case-insensitively (`kpiId`, `KPIID` and `KpiId` all parse as `KpiId`), unknown extra fields are
 * dropped, and a missing required field or a wrong type fails with the field's path.
 */
function rekey(shapeKeys: readonly string[]) {
  const byLower = new Map(shapeKeys.map((key) => [key.toLowerCase(), key]));
  return (input: unknown): unknown => {
    if (input === null || typeof input !== 'object' || Array.isArray(input)) return input;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(input)) {
      const canonical = byLower.get(key.toLowerCase());
      if (canonical !== undefined && !(canonical in out && key !== canonical)) out[canonical] = value;
    }
    return out;
  };
}

/** A PascalCase wire object, parsed case-insensitively; extra fields tolerated and dropped. */
export function wireObject<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.preprocess(rekey(Object.keys(shape)), z.object(shape));
}

const Id = z.union([z.string(), z.number().transform(String)]);
const NullableId = Id.nullable()
  .optional()
  .transform((value) => value ?? null);
const NullableString = z
  .string()
  .nullable()
  .optional()
  .transform((value) => value ?? null);
/** Collections that the API returns as `null` when not expanded. */
const nullableArray = <T extends z.ZodTypeAny>(item: T) =>
  z
    .array(item)
    .nullable()
    .optional()
    .transform((value) => value ?? null);

export const NODE_TYPES = ['Goal', 'Kpi', 'Activity'] as const;

export const EnvelopeSchema = wireObject({
  Result: z.unknown().optional(),
  Success: z.boolean(),
  Message: NullableString,
});

export const DepartmentSchema = wireObject({
  Id,
  ParentId: NullableId,
  Name: z.string(),
  ShortName: NullableString,
});
export type Department = z.infer<typeof DepartmentSchema>;

export const ScorecardSchema = wireObject({ Id, Name: z.string() });
export type Scorecard = z.infer<typeof ScorecardSchema>;

export const ScorecardColumnSchema = wireObject({
  Id,
  ScorecardId: NullableId,
  Scorecard: ScorecardSchema.nullable()
    .optional()
    .transform((value) => value ?? null),
  Name: z.string(),
  Definition: NullableString,
  Index: z.number().int(),
  NodeType: z.string(),
});
export type ScorecardColumn = z.infer<typeof ScorecardColumnSchema>;

/**
 * `StatusType` is a plain C# string in the reference DTO (`Dtos/Activities/StatusDto.cs`), so it may
 * be null: such a status is read as kind `other` with a warning (contract 5.15), never a failed pull.
 */
export const StatusSchema = wireObject({
  Id,
  Name: z.string(),
  IconUrl: NullableString,
  SortOrder: z.number().optional().default(0),
  StatusType: NullableString,
});
export type Status = z.infer<typeof StatusSchema>;

export const UserSchema = wireObject({
  Id,
  GroupId: NullableId,
  DepartmentId: NullableId,
  Username: z.string(),
  Email: NullableString,
  FirstName: NullableString,
  LastName: NullableString,
  PhoneRegular: NullableString,
  PhoneMobile: NullableString,
  LanguageCode: NullableString,
  IsStratsysEmployee: z.boolean().optional().default(false),
  ExtraMemberships: nullableArray(wireObject({ GroupId: NullableId, DepartmentId: NullableId })),
});
export type User = z.infer<typeof UserSchema>;

export const ResponsibilityRoleSchema = wireObject({
  Id,
  Name: z.string(),
  Description: NullableString,
  IsDepartmentSpecific: z.boolean().optional().default(false),
});
export type ResponsibilityRole = z.infer<typeof ResponsibilityRoleSchema>;

export const KeywordGroupSchema = wireObject({ Id, Name: z.string() });
export type KeywordGroup = z.infer<typeof KeywordGroupSchema>;

export const KeywordSchema = wireObject({
  Id,
  Name: z.string(),
  KeywordGroup: KeywordGroupSchema.nullable()
    .optional()
    .transform((value) => value ?? null),
});
export type Keyword = z.infer<typeof KeywordSchema>;

export const DescriptionFieldSchema = wireObject({ Id, Name: z.string(), Description: NullableString });
export type DescriptionField = z.infer<typeof DescriptionFieldSchema>;

export const DescriptionFieldValueSchema = wireObject({
  DescriptionField: DescriptionFieldSchema.nullable()
    .optional()
    .transform((value) => value ?? null),
  TextValue: NullableString,
});
export type DescriptionFieldValue = z.infer<typeof DescriptionFieldValueSchema>;

export const ResponsibleSchema = wireObject({ User: UserSchema, ResponsibilityRole: ResponsibilityRoleSchema });
export type Responsible = z.infer<typeof ResponsibleSchema>;

export const ScorecardNodeSchema = wireObject({
  Id,
  Name: z.string(),
  ParentId: NullableId,
  Department: DepartmentSchema,
  Scorecard: ScorecardSchema,
  ScorecardColumn: ScorecardColumnSchema,
  DescriptionFields: nullableArray(DescriptionFieldValueSchema),
  Keywords: nullableArray(KeywordSchema),
  Responsibles: nullableArray(ResponsibleSchema),
  CurrentStatus: StatusSchema.nullable()
    .optional()
    .transform((value) => value ?? null),
  Statuses: nullableArray(StatusSchema),
  SortOrder: z.number().optional().default(0),
});
export type ScorecardNode = z.infer<typeof ScorecardNodeSchema>;

export const ActivitySchema = wireObject({
  Id,
  DepartmentId: Id,
  StatusId: NullableId,
  Name: z.string(),
  EndDate: NullableString,
  ScorecardColumns: nullableArray(ScorecardColumnSchema),
});
export type Activity = z.infer<typeof ActivitySchema>;

/**
 * `PeriodDate` and `PostedDate` are plain C# strings in the reference DTO (`Dtos/Comments/CommentDto.cs`)
 * and may be null: the comment is then kept as unreadable evidence (contract 5.15), never dropped
 * and never a failed pull.
 */
export const CommentSchema = wireObject({
  Id,
  DepartmentId: Id,
  Text: z
    .string()
    .nullable()
    .transform((value) => value ?? ''),
  PeriodDate: NullableString,
  PostedDate: NullableString,
  LastUpdatedDate: NullableString,
  UserId: NullableId,
  CommentType: wireObject({ Id: z.number(), Name: z.string() })
    .nullable()
    .optional()
    .transform((value) => value ?? null),
});
export type Comment = z.infer<typeof CommentSchema>;

export const KpiSchema = wireObject({
  Id,
  DepartmentId: Id,
  Name: z.string(),
  PeriodicityId: NullableId,
  KpiTemplateId: z
    .number()
    .nullable()
    .optional()
    .transform((value) => value ?? null),
  KpiColumnIds: z
    .array(Id)
    .nullable()
    .optional()
    .transform((value) => value ?? []),
});
export type Kpi = z.infer<typeof KpiSchema>;

export const KpiColumnSchema = wireObject({
  Id,
  KpiId: Id,
  Name: z.string(),
  Prefix: NullableString,
  Postfix: NullableString,
  Index: z.number().int(),
});
export type KpiColumn = z.infer<typeof KpiColumnSchema>;

const kpiDataShape = {
  KpiId: Id,
  DepartmentId: Id,
  KpiColumnId: NullableId,
  KpiColumnName: NullableString,
  KpiColumnIndex: z
    .number()
    .int()
    .nullable()
    .optional()
    .transform((value) => value ?? null),
  Date: z.string(),
  Value: z.number().nullable(),
};
export const KpiDataSchema = wireObject(kpiDataShape);
export type KpiData = z.infer<typeof KpiDataSchema>;

/**
 * A `kpidata` row read without `departmentId`: the reference tests get every department's rows, each
 * with its `DepartmentId` (`KpiDataServiceUT.cs`, filter by start date only). A tenant that leaves
 * `DepartmentId` out cannot be read this way; the caller then reads per department.
 */
export const KpiDataAnyDepartmentSchema = wireObject({ ...kpiDataShape, DepartmentId: NullableId });
export type KpiDataAnyDepartment = z.infer<typeof KpiDataAnyDepartmentSchema>;

/** `GET periodicities/{id}` (contract 2.12): names are the customer's (id 1 "År" in the demo data). */
export const PeriodicitySchema = wireObject({ Id, Name: z.string(), IsActive: z.boolean().optional().default(true) });
export type Periodicity = z.infer<typeof PeriodicitySchema>;

export const DeadlineSchema = wireObject({ CssClass: NullableString, DaysDelayed: z.number().int(), Text: NullableString });
export type Deadline = z.infer<typeof DeadlineSchema>;

export const UserReportListItemSchema = wireObject({
  Name: z.string(),
  Url: NullableString,
  Deadline: DeadlineSchema,
  ReportPeriod: NullableString,
  DepartmentId: Id,
  DepartmentName: NullableString,
  ReportProgress: wireObject({
    PercentageReadyForApproval: z
      .number()
      .nullable()
      .optional()
      .transform((value) => value ?? null),
    PercentageApproved: z
      .number()
      .nullable()
      .optional()
      .transform((value) => value ?? null),
  })
    .nullable()
    .optional()
    .transform((value) => value ?? null),
});
export type UserReportListItem = z.infer<typeof UserReportListItemSchema>;

export const ReportingListNodeSchema = wireObject({
  Deadline: DeadlineSchema,
  Action: wireObject({ CssClass: NullableString, Text: NullableString })
    .nullable()
    .optional()
    .transform((value) => value ?? null),
  DepartmentId: Id,
  DepartmentName: NullableString,
  NodeId: Id,
  NodeName: NullableString,
  ScorecardId: NullableId,
  ScorecardName: NullableString,
  PeriodName: NullableString,
  NodeType: NullableString,
  ReportNodeDialogUrl: NullableString,
});
export const UserReportingListSchema = wireObject({
  ShowScorecardName: z.boolean().optional().default(false),
  ShowAll: z.boolean().optional().default(false),
  ShowPeriod: z.boolean().optional().default(false),
  Nodes: z
    .array(ReportingListNodeSchema)
    .nullable()
    .transform((value) => value ?? []),
});
export type UserReportingList = z.infer<typeof UserReportingListSchema>;

export const ApplicationSchema = wireObject({ Name: z.string(), ExternalSourceId: NullableId, VersionId: NullableId });
export type Application = z.infer<typeof ApplicationSchema>;
