/**
 * Nouns of everyday English. A lecture says them often without teaching them
 * ("value", "row", "water", "money"), so on their own, and unless the lecturer
 * defines or names them, they are vocabulary rather than key terms. The small
 * tagging model has no word frequencies to contrast a lecture with; this list
 * stands in for the common end of them. In a compound they are welcome:
 * "isolation level", "light energy".
 */
const COMMON_NOUNS: ReadonlySet<string> = new Set(
  `
  time day week month year hour minute second moment morning afternoon evening night today tomorrow yesterday future
  past beginning middle end history age period date century decade season autumn winter spring summer

  person people man woman child kid student teacher professor friend family parent partner member customer user
  doctor patient worker boss guy folk audience author developer reader writer owner client

  thing stuff way kind sort type part piece bit lot number amount level value result effect change order state fact
  case example reason problem question answer idea point issue situation area place side line set list group form
  rule plan story word name term sense matter course class lesson lecture topic subject book paper test exam
  homework work job task action activity method approach technique step stage phase process model version detail
  option choice chance risk cost price benefit advantage difference purpose goal need use help support success
  failure mistake error fix trouble thought view opinion reality truth power control system item letter information
  structure unit object element component feature property

  money dollar cent bank account market business company firm government country city world home house room office
  school building street car phone

  water air light fire food sugar salt oil wood ground earth sun tree leaf plant animal body hand head eye face color
  heat energy gas weight size length height space shape

  millisecond microsecond nanosecond meter kilometer centimeter millimeter nanometer gram kilogram percent byte
  kilobyte megabyte gigabyte

  computer machine device screen app application program software code file folder data database internet website
  web network server disk drive email message button click page table row column record copy
  `
    .trim()
    .split(/\s+/u),
);

/** True for an everyday noun (key form: lower case, singular). */
export const isCommonNoun = (key: string): boolean => COMMON_NOUNS.has(key);
