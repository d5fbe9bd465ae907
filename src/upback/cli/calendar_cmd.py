"""(being built for issue 5)"""
