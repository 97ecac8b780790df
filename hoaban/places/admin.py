from django.contrib import admin

from .models import Commune, FormerProvince, Province


class FormerProvinceInline(admin.TabularInline):
    model = FormerProvince
    fields = ["code", "name", "first_commune_code"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["code", "short_name", "name", "division_type", "phone_code"]
    search_fields = ["name", "short_name", "codename", "search_text", "=code"]
    list_filter = ["division_type"]
    inlines = [FormerProvinceInline]


@admin.register(FormerProvince)
class FormerProvinceAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "province", "first_commune_code"]
    list_select_related = ["province"]
    search_fields = ["name", "search_text", "=code"]
    list_filter = ["province"]


@admin.register(Commune)
class CommuneAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "division_type", "province", "former_province"]
    list_select_related = ["province", "former_province"]
    search_fields = ["name", "codename", "search_text", "=code"]
    list_filter = ["province", "former_province", "division_type"]
    list_per_page = 100
