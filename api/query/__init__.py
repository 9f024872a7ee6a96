"""The one query engine: parameters, SQL, cursors, facets and formats for every resource."""
