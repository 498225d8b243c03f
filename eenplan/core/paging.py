"""Paged lists (issue 13): one page of rows per request, however long the list, with the same links everywhere.

`paged(request, rows, size)` is Django's Paginator for lists that show their total; `LimitPage` pages without
counting (it fetches one row more than it shows, to know whether there is a next page). Both render with
`core/_pagination.html` (`{% include "core/_pagination.html" %}` with `page` and `page_query` in the context).
"""

from django.core.paginator import Paginator


def page_number(request) -> int:
    value = request.GET.get("page", "")
    return max(1, int(value)) if value.isdigit() else 1


def page_query(request) -> str:
    """The request's query string without its page number, for the links to other pages."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def paged(request, rows, size: int, *, count: int | None = None):
    """`count`: the number of rows when the caller has it already (saves the paginator's COUNT query)."""
    paginator = Paginator(rows, size)
    if count is not None:
        paginator.count = count  # a cached_property: this value is used instead of counting
    return paginator.get_page(request.GET.get("page"))


def limit_paged(request, rows, size: int) -> "LimitPage":
    """The request's page of `rows` without counting them: for lists too long to count on every look."""
    number = page_number(request)
    return LimitPage(rows[(number - 1) * size: number * size + 1], number, size)


class LimitPage:
    """One page without a COUNT: `found` holds the page's rows and, if there is a next page, one row more
    (read with `[(number - 1) * size: number * size + 1]`)."""

    paginator = None

    def __init__(self, found, number: int, size: int):
        found = list(found)
        self.number = number
        self.object_list = found[:size]
        self._has_next = len(found) > size

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    def has_next(self):
        return self._has_next

    def has_previous(self):
        return self.number > 1

    def has_other_pages(self):
        return self.has_next() or self.has_previous()

    def next_page_number(self):
        return self.number + 1

    def previous_page_number(self):
        return self.number - 1
