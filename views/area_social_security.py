from views.area import render_area_page

render_area_page("A5")
