"""First names and surnames of West Africa and the Maghreb that no installed package holds.

Faker's person providers (every locale, read by :func:`guardrails.pii.names.name_lexicon`) have Yoruba
(``yo_NG``), Twi (``tw_GH``), Zulu and Arabic names, but no locale of Senegal, Mali, Guinea or Côte d'Ivoire,
nor Igbo names, nor the Moroccan surnames staff of a French company meet: « Ibrahima », « Fatou »,
« Ndiaye », « Chioma », « El Idrissi » were missing. Common first names and surnames of these
countries, none of them a common French or English word (« papa », « samba », « fall », « wade » left
out); the first names of the Sahel are shared by Wolof, Pulaar, Mandinka and Bambara speakers, so they
count as names of several languages.
"""

from __future__ import annotations

# Senegal, Mali, Guinea, Côte d'Ivoire, Burkina Faso: Wolof, Pulaar, Mandinka, Bambara, Soninke, Dioula
SAHEL_FIRST_NAMES = frozenset(
    "ibrahima fatou fatoumata oumar ousmane aminata aïssatou awa mariama abdoulaye boubacar modou khady "
    "ndeye ndèye adama seydou souleymane aliou alassane idrissa binta coumba kadiatou djeneba assane "
    "babacar malick sokhna penda rokhaya astou oumou salif bakary sekou sékou youssouf mamadou moussa "
    "cheikh amadou lamine aliou aissata dieynaba maimouna maïmouna ramatoulaye khadidiatou mariétou "
    "ousseynou demba moustapha habib issa thierno tidiane abdou madické oumy".split()
)
# Nigeria (Igbo) and Ghana (Akan names Faker's Twi list lacks)
GULF_OF_GUINEA_FIRST_NAMES = frozenset(
    "chioma chidi nkechi amaka chinwe chiamaka chukwudi ikenna nnamdi ugochi efua esi kwesi".split()
)
AFRICAN_SURNAMES = frozenset(
    # Senegal, Mali, Guinea, Côte d'Ivoire, Burkina Faso
    "sow ndiaye n'diaye diop sarr faye gueye ba sy cissé traoré touré keïta koné coulibaly sylla "
    "kouyaté diouf mbaye ndour niang seck thiam dia sall diagne dembélé doumbia sangaré konaté ouattara "
    "kouassi koffi kouamé bamba diabaté ndao mbengue sène cissokho diatta badji sané kanté diarra "
    "sissoko maïga dicko bâ fofana soumaré kaboré ouédraogo sawadogo "
    # Nigeria, Ghana
    "okafor okonkwo nwosu eze nwachukwu adeyemi okoro "
    # the Maghreb (Morocco, Algeria, Tunisia)
    "idrissi alaoui bennani tazi benjelloun berrada chraibi lahlou tahiri ziani belkacem boudiaf hamidi "
    "benali bensaïd benmoussa".split()
)
