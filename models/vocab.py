"""Controlled vocabularies. The loader refuses other values; OpenAPI lists these."""

from enum import StrEnum


class Region(StrEnum):
    """The places records can concern: each is a record of /v1/places, where the
    hierarchy (which place lies within which) is data."""

    sichuan = "sichuan"
    chongqing = "chongqing"
    chengdu = "chengdu"
    guang_an = "guang-an"
    china = "china"
    southwest_china = "southwest-china"
    western_inland_area = "western-inland-area"


class PlaceKind(StrEnum):
    country = "country"
    region = "region"
    province = "province"
    municipality = "municipality"
    city = "city"


class OrganisationKind(StrEnum):
    government_body = "government_body"
    company = "company"
    political_party = "political_party"
    party_congress = "party_congress"
    joint_office = "joint_office"


class RelationType(StrEnum):
    """What a link between two records says; every link is served from both ends."""

    part_of = "part_of"  # the record is a part of the other (12 of 95; a branch of a firm)
    about = "about"  # a figure (or statement) is about the other record
    located_in = "located_in"  # a place within another place
    said_by = "said_by"  # a statement (or a figure) comes from this person
    works_for = "works_for"  # a person holds a role in the organisation
    converts = "converts"  # a figure is the other figure in another unit: never add both
    builds = "builds"  # a construction project builds this infrastructure
    related = "related"  # the same or a related thing; nothing more is claimed


class Status(StrEnum):
    planned = "planned"
    under_construction = "under_construction"
    in_progress = "in_progress"
    emerging = "emerging"
    operational = "operational"
    released = "released"
    established = "established"


class ProjectKind(StrEnum):
    project = "project"
    programme = "programme"
    plan = "plan"
    strategy = "strategy"
    joint_initiative = "joint_initiative"


class Sector(StrEnum):
    transport = "transport"
    energy = "energy"
    industry = "industry"
    science_and_innovation = "science_and_innovation"
    urban_planning = "urban_planning"
    regional_development = "regional_development"
    trade_and_investment = "trade_and_investment"


class Mode(StrEnum):
    rail = "rail"
    road = "road"
    air = "air"
    waterway = "waterway"
    power_transmission = "power_transmission"
    gas_pipeline = "gas_pipeline"
    gas_production = "gas_production"


class EnergyKind(StrEnum):
    asset = "asset"
    measurement = "measurement"


class Carrier(StrEnum):
    natural_gas = "natural_gas"
    electricity = "electricity"


class QuoteKind(StrEnum):
    direct = "direct"
    reported = "reported"


class Unit(StrEnum):
    CNY = "CNY"
    USD = "USD"
    m3 = "m3"
    kV = "kV"
    min = "min"
    count_ = "count"  # `count` would shadow str.count


class Qualifier(StrEnum):
    exact = "exact"
    about = "about"
    more_than = "more_than"
    at_least = "at_least"
    less_than = "less_than"
    up_to = "up_to"


class Precision(StrEnum):
    day = "day"
    month = "month"
    half_year = "half_year"
    year = "year"
    period = "period"


class ResourceName(StrEnum):
    sources = "sources"
    projects = "projects"
    infrastructure = "infrastructure"
    energy = "energy"
    quotes = "quotes"
    figures = "figures"
    people = "people"
    organisations = "organisations"
    places = "places"
    industries = "industries"
