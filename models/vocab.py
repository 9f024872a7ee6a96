"""Controlled vocabularies. The loader refuses other values; OpenAPI lists these."""

from enum import StrEnum


class Region(StrEnum):
    sichuan = "sichuan"
    chongqing = "chongqing"
    chengdu = "chengdu"
    guang_an = "guang-an"


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
