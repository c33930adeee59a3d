/**
 * English stopwords for the lexical side: function words and the reporting verbs and honorifics
 * every news story carries ("said", "mr"), which share nothing distinctive between two articles.
 */

/** Lower-case words that never count as evidence of relatedness. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  `a about above after again against ago all almost along already also although always am among an
  and another any anyone anything are around as at away back be became because become been before
  being below between both but by can cannot could did do does doing done down during each either
  else even ever every few first for from further get gets got had has have having he her here hers
  herself him himself his how however i if in including into is it its itself just last least less
  like made make many may me might more most much must my myself near need never new next no nor
  not now of off often on once one only onto or other others our ours ourselves out over own per
  put rather really said same say saying says see seen several shall she should since so some still
  such than that the their theirs them themselves then there these they this those though three
  through thus to today told too took two under until up upon us use used very via was way we week
  well were what whatever when where whether which while who whole whom whose why will with within
  without would year years yet you your yours yourself yourselves mr mrs ms dr according added
  around asked called came come comes go going gone know known let lot lots make makes making
  many meanwhile told tuesday monday wednesday thursday friday saturday sunday yesterday tomorrow
  s t don didn doesn isn wasn weren wouldn couldn shouldn ve ll re d m`
    .split(/\s+/)
    .filter((word) => word.length > 0),
);
